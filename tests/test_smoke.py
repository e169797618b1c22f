def test_login_and_dashboard(app, client, make_company, make_user, login):
    company = make_company()
    make_user(company=company)
    login()
    resp = client.get("/")
    assert resp.status_code == 200
    assert "Dashboard" in resp.get_data(as_text=True)


def test_wrong_password_is_refused(app, client, make_company, make_user):
    from tests.support.fixtures import csrf_token

    make_user(company=make_company())
    token = csrf_token(client)
    resp = client.post(
        "/login", data={"email": "admin@acme.ae", "password": "nope", "csrf_token": token}
    )
    assert resp.status_code == 400
    assert "not correct" in resp.get_data(as_text=True)
