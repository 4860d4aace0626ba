#!/usr/bin/python3
"""What a listener hears of a voice, measured from its audio.

usage: voicemeter.py FILE.wav...   prints one JSON object per file

A small autocorrelation pitch tracker (Boersma's normalised autocorrelation,
40 ms frames every 10 ms, 60-500 Hz) and a long-term spectrum, in numpy:
  f0_hz        mean pitch of the voiced frames (geometric mean, so an
               octave above and below average out as a listener hears them)
  f0_sd_st     pitch range: standard deviation of the voiced frames in semitones
  f0_jitter    unsteadiness: mean absolute second difference of the pitch
               contour from frame to frame, in semitones (tremor, creak and
               robotic steps: 0.6 and more; a steady voice: 0.2-0.45)
  voiced       share of the speech frames that are voiced (whisper: near 0)
  hf_share     share of the energy above 1 kHz (muffled voices: low)
  clip         share of samples within 1% of full scale
  echo         the highest peak of the mean power cepstrum (0.37 s frames)
               between 20 and 150 ms quefrency: an echo repeats the
               spectrum's ripple there (en-gb-x-rp+robosoft8: 0.39 at 40 ms;
               voices without echo stay under 0.04)
  mfcc         12 cepstral coefficients (c1-c12) of the voiced frames' mean
               mel spectrum: the voice's timbre, independent of loudness
  seconds      length from first to last sound
Used by scripts/measure-voices.py (the voice table) and
scripts/bench-voices.sh (the rendered previews).
"""
import json
import sys
import wave

import numpy as np

FRAME_S = 0.040
HOP_S = 0.010
F0_MIN = 60.0
F0_MAX = 500.0
VOICING = 0.45      # normalised autocorrelation a voiced frame reaches
SILENCE_DB = -45.0  # frames this far below the loudest are silence
N_MEL = 24
N_CEP = 12


def read_wav(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: 16-bit WAV expected")
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        if w.getnchannels() > 1:
            data = data.reshape(-1, w.getnchannels())[:, 0]
    return data.astype(np.float64) / 32768.0, rate


def frames(x, rate):
    n = int(FRAME_S * rate)
    hop = int(HOP_S * rate)
    if len(x) < n:
        x = np.pad(x, (0, n - len(x)))
    count = 1 + (len(x) - n) // hop
    idx = np.arange(n)[None, :] + hop * np.arange(count)[:, None]
    return x[idx]


def speech_mask(fr):
    """Frames that carry sound (not the pauses between words)."""
    energy = np.sqrt(np.mean(fr ** 2, axis=1)) + 1e-12
    db = 20 * np.log10(energy / energy.max())
    return db > SILENCE_DB


def pitch_track(fr, rate):
    """F0 per frame (0 where unvoiced), Boersma 1993 without the path search:
    the autocorrelation of the windowed frame divided by the window's own."""
    n = fr.shape[1]
    win = np.hanning(n)
    size = 1 << int(np.ceil(np.log2(2 * n)))
    wac = np.fft.irfft(np.abs(np.fft.rfft(win, size)) ** 2)[:n]
    wac /= wac[0]
    x = (fr - fr.mean(axis=1, keepdims=True)) * win
    ac = np.fft.irfft(np.abs(np.fft.rfft(x, size, axis=1)) ** 2, axis=1)[:, :n]
    ac = ac / (ac[:, :1] + 1e-12)
    lo = int(rate / F0_MAX)
    hi = min(int(rate / F0_MIN), n // 2)
    r = ac[:, lo:hi] / wac[lo:hi]
    f0 = np.zeros(len(fr))
    for i in range(len(fr)):
        row = r[i]
        peaks = np.where((row[1:-1] > row[:-2]) & (row[1:-1] >= row[2:]))[0] + 1
        if len(peaks) == 0:
            continue
        best = row[peaks].max()
        if best < VOICING:
            continue
        # the shortest lag nearly as strong as the best: avoids octave-down errors
        k = peaks[row[peaks] >= 0.9 * best][0]
        # parabolic interpolation of the peak
        a, b, c = row[k - 1], row[k], row[k + 1]
        shift = 0.5 * (a - c) / (a - 2 * b + c) if (a - 2 * b + c) != 0 else 0.0
        f0[i] = rate / (lo + k + shift)
    # a median of three removes single-frame octave jumps
    out = f0.copy()
    for i in range(1, len(f0) - 1):
        trio = f0[i - 1:i + 2]
        if np.all(trio > 0):
            out[i] = np.median(trio)
    return out


def mel_filters(rate, nfft):
    def hz2mel(f):
        return 2595 * np.log10(1 + f / 700)

    def mel2hz(m):
        return 700 * (10 ** (m / 2595) - 1)

    top = min(8000.0, rate / 2)
    pts = mel2hz(np.linspace(hz2mel(80.0), hz2mel(top), N_MEL + 2))
    bins = np.fft.rfftfreq(nfft, 1 / rate)
    fb = np.zeros((N_MEL, len(bins)))
    for m in range(N_MEL):
        l, c, r = pts[m], pts[m + 1], pts[m + 2]
        fb[m] = np.clip(np.minimum((bins - l) / (c - l), (r - bins) / (r - c)), 0, None)
    return fb


def echo_peak(x, rate):
    n = 8192
    win = np.hanning(n)
    quef = np.arange(n // 2 + 1) / rate
    band = (quef > 0.020) & (quef < 0.150)
    ceps = []
    for i in range(0, len(x) - n, n // 2):
        fr = x[i:i + n] * win
        if np.sum(fr ** 2) < 1e-4:
            continue
        ceps.append(np.fft.irfft(np.log(np.abs(np.fft.rfft(fr)) ** 2 + 1e-10))[:n // 2 + 1])
    if not ceps:
        return 0.0
    return float(np.mean(ceps, axis=0)[band].max())


def measure(x, rate):
    fr = frames(x, rate)
    speech = speech_mask(fr)
    f0 = pitch_track(fr, rate)
    voiced = (f0 > 0) & speech
    out = {}
    if voiced.sum() >= 5:
        st = 12 * np.log2(f0[voiced] / 100.0)
        out["f0_hz"] = float(100.0 * 2 ** (st.mean() / 12))
        out["f0_sd_st"] = float(st.std())
        contour = 12 * np.log2(np.where(voiced, f0, 1.0) / 100.0)
        steady = voiced[:-2] & voiced[1:-1] & voiced[2:]
        second = np.abs(contour[2:] - 2 * contour[1:-1] + contour[:-2])[steady]
        out["f0_jitter"] = float(second.mean()) if len(second) else 0.0
    else:
        out["f0_hz"] = 0.0
        out["f0_sd_st"] = 0.0
        out["f0_jitter"] = 0.0
    out["voiced"] = float(voiced.sum() / max(1, speech.sum()))
    spec = np.abs(np.fft.rfft(fr * np.hanning(fr.shape[1]), axis=1)) ** 2
    freqs = np.fft.rfftfreq(fr.shape[1], 1 / rate)
    total = spec[speech].sum()
    out["hf_share"] = float(spec[speech][:, freqs > 1000].sum() / total) if total > 0 else 0.0
    out["clip"] = float(np.mean(np.abs(x) >= 0.99))
    out["echo"] = echo_peak(x, rate)
    sel = voiced if voiced.sum() >= 5 else speech
    mel = mel_filters(rate, fr.shape[1]) @ spec[sel].mean(axis=0)
    logmel = np.log(mel + 1e-10)
    k = np.arange(N_MEL)
    dct = np.cos(np.pi / N_MEL * (k[None, :] + 0.5) * np.arange(1, N_CEP + 1)[:, None])
    out["mfcc"] = [float(v) for v in dct @ logmel * np.sqrt(2.0 / N_MEL)]
    idx = np.where(speech)[0]
    out["seconds"] = float((idx[-1] - idx[0] + 1) * HOP_S + FRAME_S) if len(idx) else 0.0
    return out


def measure_file(path):
    x, rate = read_wav(path)
    return measure(x, rate)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    for path in argv:
        m = measure_file(path)
        m["file"] = path
        print(json.dumps(m))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
