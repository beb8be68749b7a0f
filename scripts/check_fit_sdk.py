"""Check that Garmin's own FIT SDK reads every simulated FIT file.

Usage: python3 scripts/check_fit_sdk.py DIR   (DIR written by `runlift simulate`)
Prints one line per unreadable file and a final "N files, M bad"; exits 1 if any is bad.
"""
import glob
import sys

from garmin_fit_sdk import Decoder, Stream

files = sorted(glob.glob(sys.argv[1] + "/runs/*.fit"))
bad = 0
for path in files:
    decoder = Decoder(Stream.from_file(path))
    if not (decoder.is_fit() and decoder.check_integrity()):
        bad += 1
        print("BAD (integrity)", path)
        continue
    messages, errors = Decoder(Stream.from_file(path)).read()
    records = len(messages.get("record_mesgs", []))
    sessions = messages.get("session_mesgs", [])
    if errors or not sessions or records == 0 or sessions[0]["sport"] != "running":
        bad += 1
        print("BAD", path, errors)
print(f"{len(files)} files, {bad} bad")
sys.exit(1 if bad or not files else 0)
