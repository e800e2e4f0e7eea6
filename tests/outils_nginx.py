"""Serve a published folder with Debian's nginx and the project's configuration (deploiement/publication/).

Used by tests/test_publier.py. The configuration is the deployed one: only its lines marked « à adapter »
(ports, certificates, folder) are replaced; nginx runs as a child process (``daemon off``) with its own
prefix folder, on 127.0.0.1, behind a self-signed certificate made with openssl.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
CONFIGURATION = RACINE / "deploiement" / "publication" / "nginx.conf"
MODULE_BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def nginx_executable() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _remplacer_une_fois(texte: str, motif: str, par: str) -> str:
    neuf, nombre = re.subn(motif, par, texte)
    assert nombre == 1, f"nginx.conf : « {motif} » attendu une fois, trouvé {nombre} fois"
    return neuf


def configuration_site(site: Path, port_https: int, port_http: int, certificat: Path, cle: Path, brotli: bool) -> str:
    """deploiement/publication/nginx.conf with its « à adapter » lines set for this machine."""
    texte = CONFIGURATION.read_text(encoding="utf-8")
    texte = _remplacer_une_fois(texte, r"listen 80;", f"listen 127.0.0.1:{port_http};")
    texte = _remplacer_une_fois(texte, r"listen \[::\]:80;", "")
    texte = _remplacer_une_fois(texte, r"listen 443 ssl http2;", f"listen 127.0.0.1:{port_https} ssl http2;")
    texte = _remplacer_une_fois(texte, r"listen \[::\]:443 ssl http2;", "")
    texte = _remplacer_une_fois(texte, r"ssl_certificate\s+\S+;", f"ssl_certificate {certificat};")
    texte = _remplacer_une_fois(texte, r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {cle};")
    texte = _remplacer_une_fois(texte, r"root /var/www/donnees-en-main;", f"root {site};")
    if not brotli:
        texte = _remplacer_une_fois(texte, r"brotli_static on;", "")
    return texte


def certificat_autosigne(dossier: Path) -> tuple[Path, Path]:
    certificat, cle = dossier / "certificat.pem", dossier / "cle.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-keyout", str(cle), "-out", str(certificat)],
        check=True, capture_output=True,
    )  # fmt: skip
    return certificat, cle


@contextlib.contextmanager
def servir_nginx(site: Path, prefixe: Path) -> Iterator[dict]:
    """Serve ``site``; yield {"https": base URL, "http": base URL, "brotli": bool}."""
    executable = nginx_executable()
    prefixe.mkdir(parents=True, exist_ok=True)
    (prefixe / "temp").mkdir(exist_ok=True)
    certificat, cle = certificat_autosigne(prefixe)
    brotli = MODULE_BROTLI.is_file()
    port_https, port_http = _port_libre(), _port_libre()
    (prefixe / "site.conf").write_text(configuration_site(site, port_https, port_http, certificat, cle, brotli))
    temporaires = "\n".join(
        f"  {nom}_temp_path {prefixe}/temp/{nom};" for nom in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    principal = f"""
{f"load_module {MODULE_BROTLI};" if brotli else ""}
{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes 1;
pid {prefixe}/nginx.pid;
error_log {prefixe}/erreurs.log;
events {{ worker_connections 128; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log {prefixe}/acces.log;
{temporaires}
  include {prefixe}/site.conf;
}}
"""
    (prefixe / "nginx.conf").write_text(principal)
    commande = [executable, "-p", str(prefixe), "-c", str(prefixe / "nginx.conf"), "-e", str(prefixe / "erreurs.log")]
    verification = subprocess.run([*commande, "-t"], capture_output=True, text=True)
    assert verification.returncode == 0, f"nginx refuse la configuration :\n{verification.stderr}"
    processus = subprocess.Popen(commande, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        limite = time.monotonic() + 20
        while True:
            if processus.poll() is not None:
                raise AssertionError(f"nginx s'est arrêté :\n{processus.stderr.read()}\n{(prefixe / 'erreurs.log').read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", port_https), timeout=1):
                    break
            except OSError:
                if time.monotonic() > limite:
                    raise AssertionError("nginx ne répond pas après 20 s") from None
                time.sleep(0.2)
        yield {"https": f"https://127.0.0.1:{port_https}/", "http": f"http://127.0.0.1:{port_http}/", "brotli": brotli}
    finally:
        processus.terminate()
        try:
            processus.wait(timeout=10)
        except subprocess.TimeoutExpired:
            processus.kill()
            processus.wait()
