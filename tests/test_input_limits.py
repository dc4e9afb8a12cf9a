"""Request size limits, ids and page numbers beyond the database's integers, unreadable text."""

import io

import pytest
from werkzeug.routing import IntegerConverter

from mentoring.input_limits import MAX_ID, IdConverter, parse_number
from tests.support.factories import make_volunteer
from tests.support.forms import post_form, volunteer_form
from tests.support.login import login

FIVE_MB = 5 * 1024 * 1024


class CountingStream(io.RawIOBase):
    """A request body of `size` bytes that counts how much of it the application reads."""

    def __init__(self, size: int):
        self.size, self.position, self.read_bytes = size, 0, 0

    def readable(self):
        return True

    def seekable(self):
        return True  # the test client measures the body by seeking to its end

    def seek(self, offset, whence=io.SEEK_SET):
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = base + offset
        return self.position

    def tell(self):
        return self.position

    def readinto(self, buffer):
        n = max(0, min(len(buffer), self.size - self.position))
        buffer[:n] = b"a" * n
        self.position += n
        self.read_bytes += n
        return n


@pytest.mark.parametrize(
    "path", ["/anmelden/ehrenamt", "/barrierefreiheit", "/mitarbeitende/anmelden"]
)
def test_a_5_mb_post_gets_413_with_the_german_page_unread(client, path):
    body = CountingStream(FIVE_MB)
    response = client.post(
        path,
        input_stream=body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "Die Datei ist zu groß" in response.get_data(as_text=True)
    assert body.read_bytes == 0  # refused before reading: memory stays flat


def test_the_limit_is_about_one_megabyte(app, client):
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    assert app.config["MAX_FORM_PARTS"] <= 1000
    under = client.post("/barrierefreiheit", data={"message": "x" * 50_000})
    assert under.status_code == 400  # CSRF token missing: read and answered, not refused
    over = client.post("/barrierefreiheit", data={"message": "x" * (1024 * 1024 + 1)})
    assert over.status_code == 413


def test_one_huge_field_or_too_many_parts_get_413(app, client):
    field = client.post(
        "/barrierefreiheit",
        data={
            "message": "x" * (app.config["MAX_FORM_MEMORY_SIZE"] + 1),
            "f": (io.BytesIO(b""), ""),
        },
    )
    assert field.status_code == 413
    parts = {f"p{i}": "1" for i in range(app.config["MAX_FORM_PARTS"] + 1)}
    parts["f"] = (io.BytesIO(b""), "")  # multipart: parts are counted there
    assert client.post("/barrierefreiheit", data=parts).status_code == 413


def test_a_stream_without_length_is_cut_off_at_the_limit(client):
    """Chunked (gunicorn sets wsgi.input_terminated): Werkzeug reads at most the limit."""
    body = CountingStream(FIVE_MB)
    response = client.post(
        "/barrierefreiheit",
        input_stream=body,
        content_type="application/x-www-form-urlencoded",
        environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": ""},
    )
    assert response.status_code in (400, 413)  # the cut-off form lacks its CSRF token
    assert body.read_bytes <= 1024 * 1024


def test_parse_number():
    assert parse_number("1") == 1
    assert parse_number(str(MAX_ID)) == MAX_ID
    for bad in (None, "", "-1", str(MAX_ID + 1), str(2**70), "١٢", "²", "1e3", " 1", "9" * 5000):
        assert parse_number(bad) is None, bad


def test_every_route_takes_ids_through_the_id_converter(app):
    plain = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if any(
            isinstance(c, IntegerConverter) and not isinstance(c, IdConverter)
            for c in rule._converters.values()
        )
    ]
    assert plain == [], "use <id:…> instead of <int:…>"


def test_ids_beyond_the_integer_column_answer_404(app, admin_client):
    volunteer = make_volunteer()
    id_rules = [
        rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods
        and rule.arguments
        and all(isinstance(rule._converters[a], IdConverter) for a in rule.arguments)
    ]
    assert id_rules
    adapter = app.url_map.bind("localhost")
    for rule in id_rules:
        for bad in (MAX_ID + 1, 2**63, 2**70):
            url = adapter.build(rule.endpoint, {a: 1 for a in rule.arguments})
            url = url.replace("/1", f"/{bad}")
            response = admin_client.get(url)
            assert response.status_code == 404, (url, response.status_code)
    for bad in ("0", "-1", "١", "²"):
        assert admin_client.get(f"/dashboard/ehrenamtliche/{bad}").status_code == 404
    assert admin_client.get(f"/dashboard/ehrenamtliche/{volunteer.id}").status_code == 200


@pytest.mark.parametrize("name", ["seite", "page"])
@pytest.mark.parametrize("value", [str(2**31), str(2**70), str(-(2**70)), "١", "²", "9" * 5000])
def test_page_numbers_beyond_the_integer_range_answer_404(admin_client, name, value):
    for path in (
        "/dashboard/ehrenamtliche",
        "/dashboard/tandems",
        "/dashboard/datenschutz/protokoll",
    ):
        assert admin_client.get(f"{path}?{name}={value}").status_code == 404, path


def test_page_numbers_in_range_or_words_still_work(admin_client):
    for path in (
        "/dashboard/ehrenamtliche?seite=2",
        "/dashboard/tandems?page=1",
        "/dashboard/tandems?page=weiter",  # not a number: the view shows the first page
        "/dashboard/ehrenamtliche?seite=-3",  # below 1: the first page too
        "/dashboard/tandems?seite=0",
    ):
        assert admin_client.get(path).status_code == 200
    assert admin_client.get(f"/dashboard/datenschutz/protokoll?seite={MAX_ID}").status_code == 200


def test_audit_filter_refuses_an_id_beyond_the_integer_range(admin_client):
    response = admin_client.get(f"/dashboard/datenschutz/protokoll?subject_id={2**70}")
    assert response.status_code == 200


def test_privacy_search_with_a_nul_byte_is_refused_not_run(admin_client):
    assert admin_client.get("/dashboard/datenschutz/?q=Kow%00alski").status_code == 200


def test_report_filter_with_odd_digits_is_a_404(admin_client):
    for value in ("²", "9" * 5000, str(2**70)):
        assert admin_client.get(f"/dashboard/berichte/?programm={value}").status_code == 404


def test_a_volunteer_with_a_nul_byte_gets_a_form_error(client):
    response = post_form(client, "/anmelden/ehrenamt", volunteer_form(first_name="Gi\x00sela"))
    assert response.status_code == 200
    assert "Zeichen, die wir nicht lesen können" in response.get_data(as_text=True)


def test_login_works_beside_the_limits(client, coordinator):
    assert login(client, coordinator)
    assert client.get("/dashboard/").status_code == 200
