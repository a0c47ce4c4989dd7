"""Posting Wagtail's own page forms, as an editor's browser does."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def initiative_form(title: str, slug: str, action: str | None = None, **fields) -> dict:
    """The add/edit form of an initiative. `action` is the footer button: "action-submit"
    (submit for moderation), "action-publish", or None to save a draft."""
    data = {
        "title": title,
        "slug": slug,
        "summary": f"{title}: what it is, where, and what it achieved.",
        "image_alt_text": "",
        "body": streamfield([]),
        "results": rich_text(""),
        "key_figures": streamfield([]),
        "status": "ongoing",
        "start_date": "",
        "end_date": "",
        "budget": "",
        "currency": "",
        "funding_sources": "",
        "partner_organisations": "",
        "contacts": streamfield([]),
        "resources": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        **fields,
    }
    if action:
        data[action] = "1"
    return nested_form_data(data)


def add_initiative(client, parent, title, slug, action="action-submit", **fields):
    return client.post(
        f"/admin/pages/add/initiatives/initiativepage/{parent.pk}/",
        initiative_form(title, slug, action, **fields),
    )


def edit_page(client, page, form: dict):
    return client.post(f"/admin/pages/{page.pk}/edit/", form)


def workflow_action(client, page, action: str, **data):
    """Approve ("approve") or request changes ("reject") on the page's current task, as the
    buttons on the moderator's dashboard do."""
    state = page.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/", data)
