#!/usr/bin/env bash
# Builds target/postern_VERSION_amd64.deb (Maven profile `deb`, after the tarball):
#   1. jlink: a Java runtime of the modules postern needs, with its CDS base archive (no JDK on the target);
#   2. jpackage: the .deb around it (control file, /opt/postern, lib/app/postern.jar, lib/runtime);
#   3. dpkg-deb: the same package amended with what jpackage cannot add on Java 17 — the tuned launcher
#      (bin/postern, in place of jpackage's native one: C1, the GC per input, the per-user AppCDS
#      archive), /usr/bin/postern, the man pages, the bash/zsh/fish completions, README and licences.
# Needs jlink and jpackage (the JDK), dpkg-deb and fakeroot (jpackage runs dpkg-deb under fakeroot).
set -euo pipefail
target=$(cd "$1" && pwd)
version=$2
basedir=$(cd "$(dirname "$0")/../.." && pwd)
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
for tool in "$java_home/bin/jlink" "$java_home/bin/jpackage"; do
  [ -x "$tool" ] || { echo "deb: $tool not found (JAVA_HOME must be a JDK 17+)" >&2; exit 1; }
done
for tool in dpkg-deb fakeroot; do
  command -v "$tool" >/dev/null || { echo "deb: $tool not found (apt-get install $tool)" >&2; exit 1; }
done

work=$target/deb
rm -rf "$work" "$target"/postern_*.deb
mkdir -p "$work/input"
cp "$target/postern.jar" "$work/input/postern.jar"
started=$(date +%s)

# The modules postern uses. `jdeps --print-module-deps --ignore-missing-deps target/postern.jar`
# (about a minute here, so not run on every build) also names java.desktop, for the libraries'
# references to java.beans; without it the demo, file input and a live scan against moto run the
# same (checked with java --limit-modules), and the package needs no X11 or sound libraries. Loaded by name, not seen by jdeps:
# jdk.crypto.ec (TLS key exchange with AWS endpoints), jdk.unsupported (sun.misc.Unsafe, probed).
modules=java.base,java.xml,java.management,java.sql,java.naming,jdk.crypto.ec,jdk.unsupported
"$java_home/bin/jlink" --add-modules "$modules" --output "$work/runtime" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive
echo "deb: jlink runtime $(du -sh "$work/runtime" | cut -f1) in $(( $(date +%s) - started )) s"

"$java_home/bin/jpackage" --type deb --dest "$work/jpackage" \
  --name postern --app-version "$version" --vendor postern \
  --description "Command-line auditor of AWS network posture: security groups as a chain of trust." \
  --license-file "$basedir/LICENSE" --copyright "postern authors" \
  --input "$work/input" --main-jar postern.jar --main-class dev.postern.cli.Main \
  --runtime-image "$work/runtime" --install-dir /opt \
  --linux-package-name postern --linux-app-category utils --linux-deb-maintainer postern@invalid
built=$(ls "$work"/jpackage/postern_*.deb)
echo "deb: jpackage done at $(( $(date +%s) - started )) s"

root=$work/root
dpkg-deb -R "$built" "$root"
install -m 0755 "$target/dist/bin/postern" "$root/opt/postern/bin/postern"
mkdir -p "$root/usr/bin" "$root/usr/share/man/man1" "$root/usr/share/bash-completion/completions" \
  "$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d" "$root/usr/share/doc/postern"
ln -s /opt/postern/bin/postern "$root/usr/bin/postern"
for page in "$target"/dist/man/man1/*.1; do
  gzip -9n < "$page" > "$root/usr/share/man/man1/$(basename "$page").gz"
done
install -m 0644 "$target/dist/completions/postern.bash" "$root/usr/share/bash-completion/completions/postern"
install -m 0644 "$target/dist/completions/_postern" "$root/usr/share/zsh/vendor-completions/_postern"
install -m 0644 "$target/dist/completions/postern.fish" "$root/usr/share/fish/vendor_completions.d/postern.fish"
install -m 0644 "$basedir/README.md" "$basedir/THIRD-PARTY.md" "$root/usr/share/doc/postern/"
install -m 0644 "$basedir/LICENSE" "$root/usr/share/doc/postern/copyright"
chmod -R u+w,go-w "$root"
# The control file's size and the checksums: of what is in the package now.
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -i "s/^Installed-Size:.*/Installed-Size: $size/" "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort | xargs md5sum > DEBIAN/md5sums)
# gzip: xz here took minutes on a shared 2-core machine for a few MB less.
out=$target/$(basename "$built")
dpkg-deb --root-owner-group -Zgzip -b "$root" "$out" >/dev/null
echo "deb: $out ($(du -h "$out" | cut -f1)) in $(( $(date +%s) - started )) s"
