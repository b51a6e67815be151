from django.urls import reverse

from chantiers.models import Chantier


def test_home_lists_active_chantiers_with_their_carriers_and_the_candidates(client, seeded):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    for name in ["Laval ZéN", "ClimAction Lachine", "Région de Québec", "Le Grand dialogue régional"]:
        assert name in page
    assert "Laval en transition" in page
    for name in ["Outaouais", "Ahuntsic-Cartierville", "MRC de L’Assomption et de D’Autray", "Montérégie"]:
        assert name in page
    assert "Fondation Béati" in page


def test_home_hides_unpublished_chantiers(client, laval):
    Chantier.objects.filter(pk=laval.pk).update(is_published=False)
    assert "Laval ZéN" not in client.get(reverse("home")).content.decode()


def test_home_is_served_in_english_under_en(client, seeded):
    response = client.get("/en/")
    assert response.status_code == 200
    assert 'lang="en-CA"' in response.content.decode()
