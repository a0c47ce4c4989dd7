"""Finding and publishing demo pages in the tree, as an editor would."""


def child(parent, model, slug):
    """`parent`'s child of type `model` with `slug`, or None."""
    return model.objects.child_of(parent).filter(slug=slug).first()


def publish(parent, page, user):
    """Add `page` under `parent` and publish its first revision."""
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    return page
