#!/usr/bin/python3
"""Measures every English espeak-ng voice and variant and writes the table
dramatis casts from (src/cast/voice_table.c).

usage: scripts/measure-voices.py [OUTPUT.c]    (default: src/cast/voice_table.c)

Each accent (en, en-us, ...) with no variant and with every variant of
espeak-ng-data/voices/!v speaks the same passage at rate 175; voicemeter.py
measures mean pitch, pitch range, voicing, energy above 1 kHz, clipping,
timbre (12 cepstral coefficients) and pace.  Voices that pass the
usability test below (what a listener can bear for hours) are measured again at pitch 20, 35, 65 and 80, since
espeak-ng's pitch setting moves F0 differently per voice (low settings hit a
floor in some).  Run it again after an espeak-ng upgrade and commit the
result.
"""
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import voicemeter  # noqa: E402

ACCENTS = ["en-us", "en", "en-gb-x-rp", "en-gb-scotland", "en-gb-x-gbclan",
           "en-gb-x-gbcwmd", "en-029", "en-us-nyc"]
PITCHES = [20, 35, 50, 65, 80]
RATE = 175

# Written for this purpose: narration, a question, an exclamation and a
# quoted line, 75 words, so pace and intonation are those of a novel.
PASSAGE = (
    "The old house stood at the end of the lane, and nobody had lived there "
    "for years. When the rain came, she ran up the steps and knocked twice. "
    "Was anyone at home? A light moved behind the curtains, then the door "
    "opened slowly. \"You took your time,\" said the man inside, wiping his "
    "hands on a cloth. \"Come in, quickly! The kettle is already on, and I "
    "have been waiting since noon.\""
)
WORDS = len(PASSAGE.split())

# What a listener can bear for hours, measured at pitch 50.
MIN_HF_SHARE = 0.08     # below: muffled (en+steph: 0.02, typical 0.15-0.35)
MAX_CLIP = 0.0005       # share of samples at full scale
MIN_VOICED = 0.55       # whispered and creaky variants are mostly unvoiced
MIN_F0_SD = 1.5         # semitones: flatter is a robot's monotone
MAX_F0_SD = 7.0         # wilder is a caricature
MAX_ECHO = 0.1          # cepstral peak of an echo (robosoft8: 0.39; others < 0.04)
MAX_JITTER = 0.6        # semitones: an unsteady pitch (grandma's tremor,
                        # croak, robots' steps); steady voices 0.2-0.45
F0_RANGE = (70.0, 300.0)


def variants():
    out = subprocess.run(["espeak-ng", "--voices=variant"], capture_output=True,
                         text=True, check=True).stdout.splitlines()[1:]
    result = []
    for line in out:
        parts = line.split()
        # Pty Language Age/Gender VoiceName File Other...
        if len(parts) >= 5 and parts[4].startswith("!v/"):
            gender = parts[2].split("/")[-1]
            result.append((parts[4][3:], {"M": "male", "F": "female"}.get(gender, "unknown")))
    return result


def speak(name, pitch, path):
    subprocess.run(["espeak-ng", "-v", name, "-p", str(pitch), "-s", str(RATE), "-w", path,
                    PASSAGE], check=True, capture_output=True)


def measure(job):
    name, pitch, tmp = job
    path = os.path.join(tmp, re.sub(r"[^A-Za-z0-9]", "_", f"{name}_{pitch}") + ".wav")
    speak(name, pitch, path)
    m = voicemeter.measure_file(path)
    os.unlink(path)
    return name, pitch, m


def usable(m):
    reasons = []
    if m["hf_share"] < MIN_HF_SHARE:
        reasons.append("muffled")
    if m["clip"] > MAX_CLIP:
        reasons.append("clips")
    if m["voiced"] < MIN_VOICED:
        reasons.append("unvoiced")
    if m["f0_sd_st"] < MIN_F0_SD:
        reasons.append("monotone")
    if m["f0_sd_st"] > MAX_F0_SD:
        reasons.append("erratic")
    if m["echo"] > MAX_ECHO:
        reasons.append("echo")
    if m["f0_jitter"] > MAX_JITTER:
        reasons.append("rough")
    if not F0_RANGE[0] <= m["f0_hz"] <= F0_RANGE[1]:
        reasons.append("pitch")
    return reasons


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv):
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    output = argv[0] if argv else os.path.join(top, "src", "cast", "voice_table.c")
    version = subprocess.run(["espeak-ng", "--version"], capture_output=True,
                             text=True).stdout.split("Data at")[0].strip()
    combos = [(a, "", "male") for a in ACCENTS]
    combos += [(a, v, g) for a in ACCENTS for v, g in variants()]
    names = {f"{a}+{v}" if v else a: (a, v, g) for a, v, g in combos}
    results = {}
    with tempfile.TemporaryDirectory() as tmp, \
            concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        for name, pitch, m in pool.map(measure, [(n, 50, tmp) for n in names], chunksize=8):
            results[(name, pitch)] = m
        good = [n for n in names if not usable(results[(n, 50)])]
        jobs = [(n, p, tmp) for n in good for p in PITCHES if p != 50]
        for name, pitch, m in pool.map(measure, jobs, chunksize=8):
            results[(name, pitch)] = m

    rows = []
    for name, (accent, variant, gender) in names.items():
        m = results[(name, 50)]
        reasons = usable(m)
        f0 = [results[(name, p)]["f0_hz"] if (name, p) in results else 0.0 for p in PITCHES]
        wpm = WORDS * 60.0 / m["seconds"] if m["seconds"] > 0 else 0.0
        rows.append((name, accent, variant, gender, reasons, f0, m, wpm))

    # what "another variant" usually amounts to, for the distance's timbre unit
    spans = []
    good_rows = [r for r in rows if not r[4]]
    for i, a in enumerate(good_rows):
        for b in good_rows[i + 1:]:
            if a[1] == b[1] and a[3] == b[3]:
                spans.append(sum((x - y) ** 2 for x, y in zip(a[6]["mfcc"], b[6]["mfcc"])) ** 0.5)
    spans.sort()
    timbre_median = spans[len(spans) // 2] if spans else 1.0

    with open(output, "w", encoding="utf-8") as f:
        f.write("/* How each English espeak-ng voice sounds, measured from its audio.\n"
                f" * Generated by scripts/measure-voices.py from {version}: do not edit;\n"
                " * run the script again after an espeak-ng upgrade. */\n"
                '#include "voice_table.h"\n\n'
                f"const int voice_table_pitches[VOICE_TABLE_PITCHES] = {{{', '.join(map(str, PITCHES))}}};\n"
                f"const int voice_table_rate = {RATE};\n"
                f"const double voice_table_timbre_median = {timbre_median:.3f};\n\n"
                "const struct voice_measure voice_table[] = {\n"
                "    /* name, accent, gender, unusable because, F0 (Hz) at each pitch,\n"
                "     * F0 s.d. and jitter (semitones), voiced, energy above 1 kHz, clipping,\n"
                "     * words a minute at rate 175, timbre (c1-c12) */\n")
        for name, accent, variant, gender, reasons, f0, m, wpm in rows:
            g = {"male": "DRAMATIS_GENDER_MALE", "female": "DRAMATIS_GENDER_FEMALE"}.get(
                gender, "DRAMATIS_GENDER_UNKNOWN")
            f.write(f"    {{{c_string(name)}, {c_string(accent)}, {g}, "
                    f"{c_string(' '.join(reasons))},\n"
                    f"     {{{', '.join(f'{x:.1f}' for x in f0)}}}, {m['f0_sd_st']:.2f}, {m['f0_jitter']:.2f}, "
                    f"{m['voiced']:.2f}, {m['hf_share']:.3f}, {m['clip']:.4f}, {wpm:.1f},\n"
                    f"     {{{', '.join(f'{x:.2f}' for x in m['mfcc'])}}}}},\n")
        f.write("};\n\nconst size_t voice_table_size = sizeof voice_table / sizeof voice_table[0];\n")
    n_good = sum(1 for r in rows if not r[4])
    print(f"measure-voices: {len(rows)} voices, {n_good} usable, written to {output}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
