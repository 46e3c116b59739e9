"""The entity colours stay distinct for readers with the common colour-vision deficiencies:
each pair of the main entity types, simulated for protanopia, deuteranopia and tritanopia
(Machado et al. 2009, severity 1), is at least a visible distance apart in CIELAB."""

from __future__ import annotations

import itertools

import pytest

from newslens.render import LABEL_COLOURS

MAIN_TYPES = ["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"]
MIN_DELTA_E = 15.0  # CIE76; about 2.3 is "just noticeable"
SIMULATIONS = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(linear_rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, v)) for v in linear_rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(rgb: tuple[int, int, int], matrix) -> tuple[float, float, float]:
    linear = [_linear(c) for c in rgb]
    simulated = tuple(sum(m * v for m, v in zip(row, linear, strict=True)) for row in matrix)
    return _lab(simulated)


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_main_entity_colours_stay_apart(vision):
    matrix = SIMULATIONS[vision]
    for a, b in itertools.combinations(MAIN_TYPES, 2):
        la, lb = _seen(LABEL_COLOURS[a], matrix), _seen(LABEL_COLOURS[b], matrix)
        delta = sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5
        assert delta >= MIN_DELTA_E, f"{a} and {b} look alike under {vision} (ΔE {delta:.1f})"


def test_the_old_pastels_would_fail():
    """The check can fail: the previous orange (GPE) and yellow (LOC) were too close."""
    matrix = SIMULATIONS["deuteranopia"]
    la, lb = _seen((255, 135, 40), matrix), _seen((230, 185, 20), matrix)
    assert sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5 < MIN_DELTA_E
