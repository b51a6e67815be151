"""Random and hostile values posted to the form: a clear answer every time, never a 500."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.partners.conftest import application_data

FIELDS = [
    "chantier",
    "organisation_name",
    "organisation_kind",
    "sector",
    "website",
    "neq",
    "contact_name",
    "contact_email",
    "contact_phone",
    "motivation",
    "themes",
    "consent_public_listing",
    "consent_privacy",
    "started",
    "fax_number",
]
hostile = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "\x00",
            "' OR 1=1 --",
            "𝓩é𝓝" * 50,
            "javascript:alert(1)",
            "9" * 40,
            "-1",
            "../../etc/passwd",
        ]
    ),
    st.integers().map(str),
)
SEEN = {200, 302, 400, 413, 429}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from(FIELDS), st.one_of(hostile, st.lists(hostile, max_size=3))))
def test_any_values_get_an_answer_not_an_error(client, seeded, values):
    for url in [reverse("partners:apply"), reverse("partners:apply-to", args=["laval-zen"])]:
        response = client.post(url, application_data() | values)
        assert response.status_code in SEEN, (response.status_code, values)
        if response.status_code == 200:
            page = response.content.decode()
            assert "<script>alert(1)</script>" not in page
            assert "<img src=x onerror" not in page


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(["region", "status", "theme", "q", "page", "kind"]), hostile))
def test_any_filter_values_get_a_page(client, seeded, query):
    for url in [reverse("chantiers:list"), reverse("partners:directory")]:
        assert client.get(url, query).status_code in {200, 400}  # 400: the page says which filter is wrong
