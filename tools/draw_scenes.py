"""Draw the 25 lesson scenes as flat SVG (portal colours, a few shapes each, no text).

    python tools/draw_scenes.py      (writes static/learning/scenes/NN.svg)

The drawings are ours; their text alternatives are `scene_alt` in each theme file.
"""
from pathlib import Path

NAVY, NAVY_DARK, SKY, ACCENT = "#0b3d91", "#082c69", "#e8f0fc", "#f2a900"
WHITE, GREY, LIGHT, MID = "#ffffff", "#4f565c", "#c9d3e6", "#8a9bbd"
GREEN, RED, SKIN, HAIR, WOOD = "#198754", "#b02a37", "#f1c9a5", "#3b2f2a", "#c8a27a"
W, H = 480, 270


def svg(*parts, bg=SKY):
    body = "\n  ".join(p for p in parts if p)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}">\n'
            f'  <rect width="{W}" height="{H}" fill="{bg}"/>\n  {body}\n</svg>\n')


def g(x, y, *parts, s=1):
    scale = f" scale({s})" if s != 1 else ""
    return f'<g transform="translate({x} {y}){scale}">' + "".join(parts) + "</g>"


def rect(x, y, w, h, fill, r=0, stroke=None, sw=2, extra=""):
    st = f' stroke="{stroke}" stroke-width="{sw}"' if stroke else ""
    return f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{fill}"{st}{extra}/>'


def circle(cx, cy, r, fill, stroke=None, sw=2):
    st = f' stroke="{stroke}" stroke-width="{sw}"' if stroke else ""
    return f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill}"{st}/>'


def path(d, fill="none", stroke=None, sw=3, extra=""):
    st = f' stroke="{stroke}" stroke-width="{sw}" stroke-linecap="round" stroke-linejoin="round"' if stroke else ""
    return f'<path d="{d}" fill="{fill}"{st}{extra}/>'


def floor(y=215, fill=LIGHT):
    return rect(0, y, W, H - y, fill)


def person(x, y, shirt=NAVY, hair=HAIR, s=1, cap=None, long_hair=False):
    """A standing person, feet at (x, y)."""
    parts = [
        rect(-18, -70, 36, 70, shirt, r=14),  # body
        circle(0, -88, 16, SKIN),  # head
        path("M-16 -92 a16 16 0 0 1 32 0 z", fill=hair),
    ]
    if long_hair:
        parts.append(rect(-17, -92, 8, 26, hair, r=4) + rect(9, -92, 8, 26, hair, r=4))
    if cap:
        parts.append(path("M-17 -94 a17 14 0 0 1 34 0 z", fill=cap) + rect(-2, -97, 26, 5, cap, r=2))
    return g(x, y, *parts, s=s)


def seated(x, y, shirt=NAVY, hair=HAIR, s=1, long_hair=False):
    """A person seated at a desk (upper body only, desk top at y)."""
    parts = [rect(-18, -52, 36, 52, shirt, r=14), circle(0, -70, 16, SKIN), path("M-16 -74 a16 16 0 0 1 32 0 z", fill=hair)]
    if long_hair:
        parts.append(rect(-17, -74, 8, 24, hair, r=4) + rect(9, -74, 8, 24, hair, r=4))
    return g(x, y, *parts, s=s)


def desk(x, y, w=170):
    return rect(x, y, w, 10, WOOD, r=3) + rect(x + 10, y + 10, 8, 215 - y - 10, WOOD) + rect(x + w - 18, y + 10, 8, 215 - y - 10, WOOD)


def monitor(x, y, screen=WHITE, icon="", w=96, h=64):
    """A monitor standing on a desk at y (bottom of its foot)."""
    return (rect(x, y - h - 16, w, h, NAVY_DARK, r=6) + rect(x + 5, y - h - 11, w - 10, h - 10, screen, r=3)
            + rect(x + w / 2 - 6, y - 16, 12, 12, GREY) + rect(x + w / 2 - 20, y - 5, 40, 5, GREY, r=2)
            + g(x + w / 2, y - 16 - h / 2, icon))


def laptop(x, y, screen=WHITE, icon="", open_=True):
    return (rect(x, y - 50, 74, 48, NAVY_DARK, r=4) + rect(x + 4, y - 46, 66, 40, screen, r=2)
            + path(f"M{x - 8} {y} h90 l-6 -4 h-78 z", fill=GREY) + g(x + 37, y - 26, icon))


def phone(x, y, screen=WHITE, icon="", s=1):
    return g(x, y, rect(-16, -30, 32, 60, NAVY_DARK, r=6), rect(-12, -24, 24, 46, screen, r=2), icon, s=s)


def envelope(x, y, s=1, fill=WHITE, stroke=NAVY):
    return g(x, y, rect(-30, -20, 60, 40, fill, r=3, stroke=stroke), path("M-30 -18 L0 4 L30 -18", stroke=stroke), s=s)


def warning(x, y, s=1):
    return g(x, y, path("M0 -18 L20 16 H-20 Z", fill=ACCENT, stroke=NAVY_DARK, sw=2), rect(-2, -6, 4, 12, NAVY_DARK, r=1), circle(0, 10, 2.4, NAVY_DARK), s=s)


def cross(x, y, s=1):
    return g(x, y, circle(0, 0, 14, RED), path("M-6 -6 L6 6 M6 -6 L-6 6", stroke=WHITE, sw=3), s=s)


def check(x, y, s=1):
    return g(x, y, circle(0, 0, 14, GREEN), path("M-6 0 L-2 5 L7 -5", stroke=WHITE, sw=3), s=s)


def padlock(x, y, s=1, fill=ACCENT, open_=False):
    shackle = "M-9 -6 V-14 a9 9 0 0 1 18 0 V-6" if not open_ else "M-9 -6 V-14 a9 9 0 0 1 18 0 V-18"
    return g(x, y, path(shackle, stroke=NAVY_DARK, sw=4), rect(-14, -6, 28, 22, fill, r=4), circle(0, 4, 3, NAVY_DARK), s=s)


def key(x, y, s=1, fill=ACCENT, rot=0):
    return f'<g transform="translate({x} {y}) rotate({rot}) scale({s})">' + circle(0, 0, 9, fill, NAVY_DARK, 2) + circle(0, 0, 3, SKY) + rect(8, -3, 26, 6, fill) + rect(26, 3, 4, 6, fill) + rect(32, 3, 3, 5, fill) + "</g>"


def document(x, y, s=1, lines=4, fill=WHITE):
    ls = "".join(rect(-16, -22 + i * 9, 32 if i % 2 == 0 else 24, 3, LIGHT) for i in range(lines))
    return g(x, y, rect(-22, -30, 44, 58, fill, r=3, stroke=MID, sw=1.5), ls, s=s)


def wifi(x, y, s=1, colour=NAVY):
    return g(x, y, path("M-22 -8 a32 32 0 0 1 44 0", stroke=colour, sw=4), path("M-14 0 a20 20 0 0 1 28 0", stroke=colour, sw=4), circle(0, 8, 4, colour), s=s)


def clock(x, y, s=1, h=(0, -12), m=(9, 0)):
    return g(x, y, circle(0, 0, 20, WHITE, NAVY, 3), path(f"M0 0 L{h[0]} {h[1]} M0 0 L{m[0]} {m[1]}", stroke=NAVY_DARK, sw=3), s=s)


def bubble(x, y, inner="", w=54, h=40, s=1):
    return g(x, y, rect(-w / 2, -h / 2, w, h, WHITE, r=10, stroke=NAVY, sw=2), path(f"M-8 {h / 2} l-6 12 l16 -12", fill=WHITE, stroke=NAVY, sw=2), rect(-9, h / 2 - 3, 16, 4, WHITE), inner, s=s)


def cloud(x, y, s=1, fill=WHITE):
    return g(x, y, circle(-22, 6, 18, fill), circle(0, -6, 24, fill), circle(24, 6, 18, fill), rect(-40, 6, 82, 18, fill, r=9), s=s)


def building(x, y, w=120, h=110, fill=WHITE, roof=NAVY, windows=6, saw=False):
    win = "".join(rect(x + 14 + (i % 3) * ((w - 28) / 3), y - h + 26 + (i // 3) * 30, (w - 28) / 3 - 10, 18, SKY) for i in range(windows))
    top = (path(f"M{x} {y - h} l{w / 4} -20 v20 l{w / 4} -20 v20 l{w / 4} -20 v20 l{w / 4} -20 v20 z", fill=roof) if saw
           else rect(x - 4, y - h - 8, w + 8, 10, roof, r=2))
    return rect(x, y - h, w, h, fill, stroke=MID, sw=1.5) + top + win


def door(x, y, fill=NAVY, open_=False):
    if open_:
        return rect(x, y - 110, 60, 110, NAVY_DARK) + path(f"M{x} {y - 110} L{x + 30} {y - 100} V{y - 4} L{x} {y} Z", fill=fill) + circle(x + 24, y - 52, 3, ACCENT)
    return rect(x, y - 110, 60, 110, fill, r=2) + circle(x + 50, y - 55, 4, ACCENT)


def server(x, y):
    return rect(x, y - 90, 56, 90, NAVY_DARK, r=4) + "".join(rect(x + 8, y - 80 + i * 22, 40, 12, GREY, r=2) + circle(x + 42, y - 74 + i * 22, 2.5, GREEN) for i in range(4))


def disk(x, y, fill=GREY):
    return rect(x, y - 34, 52, 34, fill, r=5) + circle(x + 40, y - 10, 3, GREEN)


def bag(x, y, s=1, fill=NAVY_DARK):
    return g(x, y, path("M-12 -26 v-8 a4 4 0 0 1 4 -4 h16 a4 4 0 0 1 4 4 v8", stroke=fill, sw=4), rect(-30, -26, 60, 42, fill, r=6), rect(-30, -10, 60, 4, GREY), s=s)


def qr(x, y, s=1):
    cells = [(0, 0), (1, 0), (2, 0), (0, 1), (2, 1), (0, 2), (1, 2), (2, 2), (4, 0), (5, 1), (4, 2), (3, 3), (5, 3), (0, 4), (2, 4), (4, 4), (1, 5), (3, 5), (5, 5)]
    return g(x, y, rect(-4, -4, 56, 56, WHITE), *(rect(c * 8, r * 8, 8, 8, NAVY_DARK) for c, r in cells), s=s)


def plate(x, y, s=1):
    return g(x, y, path("M-34 0 a34 10 0 0 0 68 0 z", fill=WHITE, stroke=MID, sw=2), circle(-8, -6, 8, ACCENT), circle(8, -5, 7, GREEN), circle(0, -12, 6, RED), s=s)


def arrow(x1, y1, x2, y2, colour=NAVY):
    return path(f"M{x1} {y1} L{x2} {y2}", stroke=colour, sw=3) + circle(x2, y2, 4, colour)


def refresh(s=1, colour=NAVY):
    return g(0, 0, path("M-12 -4 a13 13 0 0 1 23 -4", stroke=colour, sw=3.5), path("M12 4 a13 13 0 0 1 -23 4", stroke=colour, sw=3.5), path("M11 -16 v8 h-8", stroke=colour, sw=3.5), path("M-11 16 v-8 h8", stroke=colour, sw=3.5), s=s)


def parcel(x, y, s=1):
    return g(x, y, rect(-22, -18, 44, 36, WOOD, r=3), rect(-4, -18, 8, 36, ACCENT), s=s)


def moon(x, y):
    return path(f"M{x} {y - 18} a18 18 0 1 0 16 26 a14 14 0 1 1 -16 -26 z", fill=ACCENT)


def window_night(x, y, w=110, h=80):
    return rect(x, y, w, h, NAVY_DARK, r=4, stroke=WHITE, sw=4) + moon(x + w - 34, y + 36) + circle(x + 24, y + 20, 2, WHITE) + circle(x + 48, y + 50, 1.6, WHITE)


def gear(x, y, s=1, fill=GREY):
    teeth = "".join(f'<rect x="-5" y="-24" width="10" height="12" fill="{fill}" transform="rotate({a})"/>' for a in range(0, 360, 45))
    return g(x, y, teeth, circle(0, 0, 16, fill), circle(0, 0, 6, SKY), s=s)


def shelf_train(x, y, w=220):
    return rect(x, y, w, 6, GREY) + "".join(rect(x + 10 + i * 40, y - 40, 3, 40, GREY) for i in range(w // 40))


def counter(x, y, w=220):
    return rect(x, y, w, 80, WHITE, stroke=MID, sw=1.5) + rect(x - 6, y - 8, w + 12, 10, WOOD, r=3)


SCENES = {}

# 1 Updates put off: the factory's VPN box and a shared PC wait for updates.
SCENES[1] = svg(floor(), building(24, 215, 150, 120, saw=True), desk(210, 150, 190),
                monitor(250, 150, icon=refresh(1.1)), clock(370, 110, h=(8, -8), m=(0, -14)),
                rect(190, 176, 70, 26, NAVY_DARK, r=4) + circle(204, 189, 3, GREEN) + circle(216, 189, 3, RED),
                warning(230, 165, s=0.8), person(430, 215, shirt=NAVY))
# 2 A parcel notice spreads to clients.
SCENES[2] = svg(floor(), desk(40, 150, 170), seated(110, 150, shirt=GREEN, long_hair=True), phone(180, 130, icon=parcel(0, 0, s=0.45)),
                envelope(300, 80), envelope(400, 60, s=0.8), envelope(410, 150, s=0.8),
                arrow(240, 120, 262, 95), arrow(335, 70, 370, 62), arrow(335, 95, 380, 140), warning(300, 180, s=0.9))
# 3 One key opens every door.
SCENES[3] = svg(floor(), door(150, 215), door(250, 215, fill=NAVY_DARK), door(350, 215),
                padlock(180, 120, open_=True), padlock(280, 120, open_=True), padlock(380, 120, open_=True),
                key(40, 90, s=1.6), person(70, 215, shirt=ACCENT))
# 4 Who looked? A locked folder and watching eyes at a pharmacy.
def eye(x, y):
    return g(x, y, path("M-16 0 q16 -14 32 0 q-16 14 -32 0 z", fill=WHITE, stroke=NAVY, sw=2), circle(0, 0, 5, NAVY))
SCENES[4] = svg(floor(), rect(40, 60, 130, 155, WHITE, stroke=MID, sw=1.5) + "".join(rect(52, 72 + i * 34, 106, 24, LIGHT, r=3) for i in range(4)),
                g(100, 40, rect(-16, -5, 32, 10, GREEN), rect(-5, -16, 10, 32, GREEN)),
                document(260, 130, s=1.3), padlock(290, 150, s=1.1), eye(380, 80), eye(420, 120), eye(370, 150),
                bubble(430, 60, g(0, 0, path("M-6 -8 a7 7 0 1 1 7 8 v4", stroke=NAVY, sw=3), circle(1, 10, 2, NAVY)), w=44, h=36))
# 5 A letter with a QR code for "re-authentication" at a care office; the team shares it.
SCENES[5] = svg(floor(), document(110, 120, s=2.2, lines=2), qr(88, 130, s=0.9), phone(230, 140, icon=warning(0, 0, s=0.6)),
                person(330, 215, shirt=GREEN), person(390, 215, shirt=NAVY, long_hair=True), person(450, 215, shirt=ACCENT),
                bubble(360, 60, warning(0, 2, s=0.8)))
# 6 A familiar "Re:" mail hides a hook.
SCENES[6] = svg(floor(), desk(40, 160, 200), monitor(90, 160, icon=envelope(0, 0, s=0.7)), seated(60, 160, shirt=NAVY),
                path("M330 30 V120 a22 22 0 1 1 -22 -22", stroke=NAVY_DARK, sw=5), envelope(320, 170, s=1.2),
                path("M342 152 l8 -16 a6 6 0 0 1 10 6 l-12 24 a10 10 0 0 1 -18 -8 l10 -20", stroke=GREY, sw=3), warning(420, 90))
# 7 Ten seconds before the send button.
SCENES[7] = svg(floor(), desk(40, 160, 220), monitor(70, 160, icon=g(0, 0, envelope(-16, 0, s=0.45), rect(8, -8, 26, 16, ACCENT, r=4))),
                seated(220, 160, shirt=RED, long_hair=True), rect(300, 140, 110, 75, WHITE, r=6, stroke=MID, sw=1.5) + rect(315, 128, 80, 14, LIGHT, r=3) + rect(320, 160, 70, 20, NAVY, r=3),
                clock(420, 70, h=(0, -12), m=(10, 4)), check(380, 100))
# 8 The key taped to the parcel (a password sent with the file).
SCENES[8] = svg(floor(), parcel(140, 130, s=2.4), key(150, 100, s=1.3, rot=20), cross(210, 70),
                cloud(350, 110, s=1.3), padlock(350, 115), arrow(230, 160, 300, 140), check(420, 70), person(440, 215, shirt=GREEN))
# 9 Two Wi-Fi names in a cafe: which is real?
SCENES[9] = svg(floor(), rect(120, 170, 160, 8, WOOD, r=3) + rect(194, 178, 12, 37, WOOD), laptop(150, 170, icon=wifi(0, 4, s=0.6)),
                rect(250, 150, 16, 20, WHITE, r=3) + path("M266 156 a6 6 0 0 1 0 10", stroke=WHITE, sw=3),
                seated(100, 190, shirt=NAVY), wifi(330, 70, colour=GREEN), wifi(420, 70, colour=RED), bubble(375, 140, g(0, 0, path("M-6 -8 a7 7 0 1 1 7 8 v4", stroke=NAVY, sw=3), circle(1, 10, 2, NAVY)), w=44, h=36))
# 10 A photo of the dish shows the board behind it.
SCENES[10] = svg(floor(), rect(250, 40, 190, 110, WHITE, stroke=MID, sw=2) + "".join(rect(266, 58 + i * 18, 150 - i * 14, 6, LIGHT) for i in range(5)),
                 rect(60, 170, 180, 8, WOOD, r=3), plate(150, 168, s=1.3), phone(140, 100, icon=circle(0, 0, 7, NAVY), s=1.2),
                 person(60, 215, shirt=ACCENT, long_hair=True), warning(420, 170))
# 11 A backup disk left connected, and an old VPN box.
SCENES[11] = svg(floor(), desk(40, 160, 240), monitor(70, 160, screen=RED, icon=padlock(0, 4, fill=WHITE)),
                 path("M170 150 C190 120 210 120 220 140", stroke=GREY, sw=3), disk(210, 158, fill=GREY), cross(236, 110),
                 disk(330, 200, fill=NAVY), check(356, 150), rect(400, 176, 60, 24, NAVY_DARK, r=4) + warning(430, 160, s=0.7))
# 12 Papers stacked at the end of the reception counter.
SCENES[12] = svg(floor(), counter(60, 135, 260), g(0, 0, *(document(270 + i * 3, 112 - i * 6, s=0.9) for i in range(4))),
                 rect(100, 100, 44, 34, WHITE, stroke=MID, sw=1.5), person(400, 215, shirt=GREEN), person(150, 135, shirt=WHITE, long_hair=True, s=0.8),
                 g(300, 60, rect(-12, -5, 24, 10, GREEN), rect(-5, -12, 10, 24, GREEN)))
# 13 A bag left on the luggage rack of a train.
SCENES[13] = svg(floor(), rect(20, 30, 440, 130, WHITE, r=8, stroke=MID, sw=2) + "".join(rect(40 + i * 105, 50, 80, 50, SKY, r=6) for i in range(4)),
                 shelf_train(40, 120, 300), bag(150, 113), person(400, 215, shirt=NAVY), arrow(400, 200, 460, 200), cross(210, 80))
# 14 A desk left unlocked for five minutes.
SCENES[14] = svg(floor(), desk(60, 150, 220), monitor(100, 150, icon=g(0, 0, *(rect(-32, -18 + i * 10, 64 - (i % 2) * 20, 5, LIGHT) for i in range(4)))),
                 rect(210, 150, 46, 8, NAVY) + rect(228, 158, 10, 40, GREY) + rect(210, 110, 46, 40, NAVY, r=6), clock(340, 70, h=(0, -12), m=(0, 14)),
                 padlock(420, 120, s=1.4, open_=True), person(430, 215, shirt=RED, long_hair=True, s=0.8))
# 15 "Here to check the system": a visitor in work clothes.
SCENES[15] = svg(floor(), door(40, 215), rect(110, 80, 40, 135, LIGHT), person(220, 215, shirt=GREY, cap=NAVY),
                 rect(180, 170, 40, 28, ACCENT, r=3), person(340, 215, shirt=GREEN), rect(360, 130, 30, 40, WHITE, stroke=MID, sw=1.5),
                 bubble(250, 60, g(0, 0, path("M-6 -8 a7 7 0 1 1 7 8 v4", stroke=NAVY, sw=3), circle(1, 10, 2, NAVY)), w=44, h=36), server(420, 215))
# 16 Monday morning: the laptop is gone from the desk; a locked cabinet is the answer.
SCENES[16] = svg(floor(), window_night(40, 40), desk(180, 150, 170), rect(225, 100, 74, 48, "none", r=4, extra=f' stroke="{GREY}" stroke-width="2" stroke-dasharray="6 5"'),
                 cross(320, 90), rect(380, 100, 70, 115, GREY, r=4) + rect(388, 110, 54, 44, MID, r=3) + rect(388, 160, 54, 44, MID, r=3), padlock(415, 140, s=0.9))
# 17 "I thought someone locked it": an office door ajar at night.
SCENES[17] = svg(floor(), window_night(40, 40, 140, 90), door(230, 215, open_=True), key(330, 120, s=1.4), bubble(400, 80, g(0, 0, path("M-6 -8 a7 7 0 1 1 7 8 v4", stroke=NAVY, sw=3), circle(1, 10, 2, NAVY)), w=44, h=36))
# 18 Thrown out with the year-end clean-up.
SCENES[18] = svg(floor(), path("M90 110 h110 l-12 105 h-86 z", fill=GREY), rect(82, 100, 126, 12, NAVY_DARK, r=3),
                 document(130, 90, s=0.9), disk(150, 98, fill=NAVY), cross(230, 80),
                 rect(310, 120, 100, 95, NAVY, r=6) + rect(325, 110, 70, 12, NAVY_DARK, r=3) + "".join(rect(326 + i * 10, 150, 4, 40, WHITE) for i in range(7)),
                 check(430, 90))
# 19 A selfie at a drinks party with a drawing on the table.
SCENES[19] = svg(floor(), rect(60, 160, 300, 8, WOOD, r=3), document(250, 140, s=1.1, fill=SKY),
                 g(0, 0, rect(130, 130, 18, 30, ACCENT, r=3), rect(170, 134, 18, 26, ACCENT, r=3)),
                 person(100, 215, shirt=NAVY), person(300, 215, shirt=GREEN, long_hair=True), phone(200, 70, icon=circle(0, 0, 7, NAVY)), warning(420, 80))
# 20 Training that never reached the cleaning crew.
SCENES[20] = svg(floor(), rect(50, 40, 170, 110, WHITE, r=4, stroke=MID, sw=2) + "".join(check(75, 65 + i * 28, s=0.6) + rect(90, 61 + i * 28, 100, 8, LIGHT) for i in range(3)),
                 rect(130, 150, 8, 65, GREY), person(290, 215, shirt=ACCENT, long_hair=True), path("M330 180 h30 l-4 35 h-22 z", fill=NAVY) + path("M332 180 a13 10 0 0 1 26 0", stroke=GREY, sw=3),
                 person(420, 215, shirt=NAVY, long_hair=True), bubble(420, 60, warning(0, 2, s=0.7)))
# 21 A personal phone, a fake delivery SMS, an animal clinic.
def paw(x, y):
    return g(x, y, circle(0, 6, 10, NAVY), circle(-11, -6, 5, NAVY), circle(-4, -13, 5, NAVY), circle(4, -13, 5, NAVY), circle(11, -6, 5, NAVY))
SCENES[21] = svg(floor(), building(30, 215, 140, 120), paw(100, 70), phone(250, 140, s=1.6, icon=g(0, 0, rect(-10, -14, 20, 14, WHITE, r=3, stroke=NAVY, sw=1.5), parcel(0, 10, s=0.3))),
                 person(350, 215, shirt=GREEN), warning(420, 90))
# 22 Die data left on a partner's server.
SCENES[22] = svg(floor(), building(30, 215, 120, 110, saw=True), gear(90, 60, s=1.1), document(230, 130, s=1.3), arrow(160, 130, 200, 130), arrow(260, 130, 300, 130),
                 server(320, 215), cross(400, 80), person(440, 215, shirt=NAVY))
# 23 "Free and handy": a cloud service with a catch.
SCENES[23] = svg(floor(), cloud(240, 80, s=1.5), rect(222, 70, 36, 26, ACCENT, r=4) + circle(230, 83, 3, WHITE), warning(330, 50),
                 building(40, 215, 120, 90), laptop(250, 200), person(400, 215, shirt=RED, long_hair=True), arrow(280, 160, 250, 120))
# 24 Friday evening: "it can wait until Monday".
SCENES[24] = svg(floor(), window_night(30, 40, 120, 80), desk(180, 160, 200), laptop(220, 160, screen=RED, icon=warning(0, 2, s=0.6)),
                 rect(330, 90, 50, 50, WHITE, r=4, stroke=MID, sw=1.5) + rect(330, 90, 50, 12, RED, r=4) + rect(342, 112, 26, 18, ACCENT),
                 phone(430, 120, icon=g(0, 0, path("M-6 -8 l4 0 l2 6 l-3 2 a12 12 0 0 0 6 6 l2 -3 l6 2 l0 4 a3 3 0 0 1 -3 3 a18 18 0 0 1 -18 -18 a3 3 0 0 1 4 -2", fill=GREEN))),
                 person(130, 215, shirt=NAVY))
# 25 Rules on paper, for everyone, at a farm.
SCENES[25] = svg(floor(), rect(170, 40, 140, 120, WOOD, r=4) + document(240, 100, s=1.6), g(0, 0, *(check(218, 78 + i * 20, s=0.45) for i in range(3))),
                 path("M60 215 v-40 M60 180 q-20 -10 -22 -30 q20 4 22 30 M60 190 q20 -12 26 -30 q-22 2 -26 30", stroke=GREEN, sw=4),
                 person(120, 215, shirt=GREEN), person(350, 215, shirt=ACCENT, long_hair=True), person(420, 215, shirt=NAVY))

out = Path(__file__).resolve().parent.parent / "static" / "learning" / "scenes"
out.mkdir(parents=True, exist_ok=True)
for number, text in SCENES.items():
    (out / f"{number:02d}.svg").write_text(text, encoding="utf-8")
print(len(SCENES), "scenes")
