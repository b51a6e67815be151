"""What a browser would post back from an admin change page, unchanged: edit it, then post it."""

from __future__ import annotations


def _fields(form, data: dict) -> None:
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)


def admin_form_data(response) -> dict:
    data: dict = {}
    _fields(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _fields(formset.management_form, data)
        for form in formset.forms:
            _fields(form, data)
    return data


def change_in_admin(client, user, obj, **changes) -> None:
    """Change `obj` through its admin page as `user` would (the history then names them)."""
    from django.urls import reverse

    client.force_login(user)
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = admin_form_data(client.get(url))
    data.update({name: str(value) for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    client.logout()
