"""Every paged staff list takes `seite`: a bad or too large number shows a page, never an error."""

import pytest

LISTS = [
    "/dashboard/ehrenamtliche",
    "/dashboard/anfragen",
    "/dashboard/tandems",
    "/dashboard/matching/{run_id}",
    "/dashboard/datenschutz/protokoll",
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("seite", ["abc", "-3", "0", "99999", ""])
def test_any_page_number_gives_a_page(admin_client, world_a, url, seite):
    response = admin_client.get(url.format(**world_a), query_string={"seite": seite})
    assert response.status_code == 200


def test_page_links_keep_the_filters_and_use_seite(admin_client, world_a):
    from tests.support.factories import make_volunteer

    for i in range(30):
        make_volunteer(last_name=f"Blattmann{i:02d}", commit=i == 29)
    page = admin_client.get("/dashboard/ehrenamtliche?q=blattmann").get_data(as_text=True)
    assert 'href="/dashboard/ehrenamtliche?q=blattmann&amp;seite=2"' in page
    assert 'rel="next"' in page
