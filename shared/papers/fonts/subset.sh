#!/usr/bin/env bash
# The embedded faces, cut from DejaVu Sans 2.37 (Debian's fonts-dejavu-core, the same files as the
# upstream release) to the scripts papers print: Latin with its extensions (names, the Kazakh Latin
# alphabet), Greek, Cyrillic with its supplement (every Kazakh letter), combining marks,
# punctuation, currency (₸), letterlike symbols (№), arrows, math operators, box drawing and
# geometric shapes. Without hinting (PDF viewers do not use it). A character outside these is
# drawn as the empty box. About a tenth of the original size: each face is linked into every
# function that renders papers. Needs fontTools (`pip install fonttools`).
set -euo pipefail
cd "$(dirname "$0")"
SOURCE=${SOURCE:-/usr/share/fonts/truetype/dejavu}
RANGES="U+0000-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2150-218F,U+2190-21FF,U+2200-22FF,U+2500-257F,U+25A0-25FF,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "$SOURCE/$face.ttf" --unicodes="$RANGES" --layout-features='*' --no-hinting \
    --name-IDs='*' --name-legacy --name-languages='*' --notdef-outline --output-file="$face.ttf"
  echo "$face.ttf: $(stat -c %s "$face.ttf") bytes (from $(stat -c %s "$SOURCE/$face.ttf"))"
done
