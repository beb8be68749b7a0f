-- Weekly running per athlete, straight from a roster's stores (run it in
-- the roster's output folder: duckdb -c ".read roster_weekly.sql", or from
-- Python: duckdb.sql(open("roster_weekly.sql").read())).
--
-- Each store's manifest.json names, for every source file, the segment that
-- holds its current rows; a file that changed keeps older rows in an older
-- segment until the store compacts, so rows are taken only from that
-- segment. Weeks are ISO weeks of the UTC start.
WITH manifest AS (
  SELECT regexp_extract(filename, '^(.*)/manifest\.json$', 1) AS store,
         json_extract(json, '$.files') AS files
  FROM read_json_objects('*/.store/manifest.json', filename = true)
), current AS (
  SELECT store, e.key AS source_path, e.value ->> 'segment' AS segment
  FROM manifest, json_each(files) AS e
)
SELECT regexp_extract(c.store, '([^/]+)/\.store$', 1) AS athlete,
       strftime(a.start_utc, '%G-W%V') AS week,
       count(*) AS runs,
       round(sum(a.distance_m) / 1000, 2) AS km
FROM read_parquet('*/.store/seg-*/activities.parquet', filename = true) AS a
JOIN current AS c
  ON a.source_path = c.source_path
 AND a.filename = c.store || '/' || c.segment || '/activities.parquet'
WHERE a.sport = 'running'
GROUP BY ALL
ORDER BY athlete, week;
