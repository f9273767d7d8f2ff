#!/usr/bin/env sh
# Renders every icon file electron-builder needs from icon.svg. Debian packages: librsvg2-bin
# (rsvg-convert), icoutils (icotool), icnsutils (png2icns). Run from anywhere; commit the results.
set -eu
cd "$(dirname "$0")"
mkdir -p png
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "png/${size}x${size}.png"
done
cp png/512x512.png icon.png
cp png/256x256.png icon-256.png
icotool -c -o icon.ico png/16x16.png png/24x24.png png/32x32.png png/48x48.png png/64x64.png png/128x128.png -r png/256x256.png
png2icns icon.icns png/16x16.png png/32x32.png png/48x48.png png/128x128.png png/256x256.png png/512x512.png png/1024x1024.png
rm png/24x24.png png/64x64.png png/1024x1024.png
