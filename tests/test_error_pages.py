def test_unknown_case_shows_a_dutch_not_found_page(demo):
    response = demo.client_for("wijkteam").get("/cases/999999/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina niet gevonden" in body
    assert "geen toegang" in body


def test_forbidden_page_is_dutch(demo):
    response = demo.client_for("politie").get("/cases/new/")

    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
