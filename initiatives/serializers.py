from rest_framework.fields import Field


class TaxonomySerializer(Field):
    """Themes and goals in the API: their stable key and the name in the page's own language."""

    def __init__(self, *, field: str, **kwargs):
        self.key_field = field
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        relation = getattr(page, self.field_name)
        items = []
        for item in relation.all():
            translated = item.get_translation_or_none(page.locale) or item
            items.append({self.key_field: getattr(item, self.key_field), "name": translated.name})
        return items
