"""HTTPS: the hub serves a certificate; the station checks it against the county's CA file."""

import shutil
import subprocess

import pytest

from station_app.core import sync_state as state
from sync import client, errors
from sync.testing.live_hub import LiveHub
from tests.ci import missing

from .conftest import SHORT, fast_retry


@pytest.fixture(scope="module", autouse=True)
def _openssl_command():
    if shutil.which("openssl") is None:
        missing("the openssl command is not installed (Debian: openssl)")


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def county_ca(tmp_path_factory):
    """A county CA and a hub certificate for 127.0.0.1 signed by it."""
    d = tmp_path_factory.mktemp("tls")
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *curve, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Demo County CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign", cwd=d)
    openssl("req", *curve, "-keyout", "hub.key", "-out", "hub.csr", "-subj", "/CN=127.0.0.1", cwd=d)
    (d / "ext").write_text("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "hub.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "hub.pem",
            "-days", "2", "-extfile", "ext", cwd=d)
    return d


def test_the_station_checks_the_hub_certificate_with_the_county_ca(county_ca, station, tmp_path):
    with LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite'}", cert=county_ca / "hub.pem", key=county_ca / "hub.key") as live:
        assert live.url.startswith("https://")
        _, code = live.hub.enroll_code("幸福村电商服务站")
        with pytest.raises(errors.LinkDown, match="TLS"):  # without the county CA the certificate is not trusted
            client.enroll(station, live.url, code, retry=fast_retry(1), timeout=SHORT)
        enrolled = client.enroll(station, live.url, code, ca_file=str(county_ca / "ca.pem"), retry=fast_retry(),
                                 timeout=SHORT)
        assert enrolled.station_id
        assert station.local(state.CA_FILE) == str(county_ca / "ca.pem")
        report = client.sync_once(station, retry=fast_retry(), timeout=SHORT)
        assert report.pending == 0
