"""Case studies get one table: step 1 of 3.

Creates initiatives.CaseStudyPage (the page_ptr parent link, the fields initiatives and shared
solutions have in common, and its many-to-many tables), empty. The children's own copies of the
fields that cannot be NULL become nullable for the move, so that unapplying 0006 can add them back
to filled tables before 0005 copies the values back; unapplying this migration makes them NOT NULL
again.
"""

import django.db.models.deletion
import initiatives.models.base
import initiatives.models.taxonomy
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

# The shared fields, as initiatives/models/base.py declares them.
CASE_STUDY_FIELDS = [
    ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
    ('summary', models.TextField(help_text='What it is, where, and what it achieved, in 250 words or fewer.', validators=[initiatives.models.base.validate_summary_length], verbose_name='summary')),
    ('body', wagtail.fields.StreamField([('paragraph', 0), ('image', 4), ('quote', 7), ('key_figures', 13), ('resources', 21), ('embed', 22)], blank=True, block_lookup={0: ('wagtail.blocks.RichTextBlock', (), {'features': ['h2', 'h3', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link'], 'label': 'Text'}), 1: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 2: ('wagtail.blocks.CharBlock', (), {'help_text': "What the image shows, for people who cannot see it. Leave empty to use the image's own description.", 'label': 'Alternative text', 'max_length': 255, 'required': False}), 3: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 255, 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('image', 1), ('alt_text', 2), ('caption', 3)]], {}), 5: ('wagtail.blocks.TextBlock', (), {'label': 'Quote'}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'Attribution', 'max_length': 255, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('text', 5), ('attribution', 6)]], {}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 120, 'required': False}), 9: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example 33% or 1.2 M', 'label': 'Figure', 'max_length': 40}), 10: ('wagtail.blocks.CharBlock', (), {'label': 'What it measures', 'max_length': 160}), 11: ('wagtail.blocks.StructBlock', [[('value', 9), ('label', 10)]], {}), 12: ('wagtail.blocks.ListBlock', (11,), {'label': 'Figures', 'max_num': 6, 'min_num': 1}), 13: ('wagtail.blocks.StructBlock', [[('heading', 8), ('figures', 12)]], {}), 14: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 15: ('wagtail.blocks.CharBlock', (), {'help_text': 'Defaults to the title', 'label': 'Link text', 'max_length': 200, 'required': False}), 16: ('wagtail.blocks.StructBlock', [[('document', 14), ('title', 15)]], {}), 17: ('wagtail.blocks.CharBlock', (), {'label': 'Link text', 'max_length': 200}), 18: ('wagtail.blocks.URLBlock', (), {'label': 'Address'}), 19: ('wagtail.blocks.StructBlock', [[('title', 17), ('url', 18)]], {}), 20: ('wagtail.blocks.StreamBlock', [[('document', 16), ('link', 19)]], {'label': 'Documents and links'}), 21: ('wagtail.blocks.StructBlock', [[('heading', 8), ('items', 20)]], {}), 22: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'A video or map address', 'label': 'Embedded media'})}, verbose_name='body')),
    ('status', models.CharField(choices=[('planned', 'Planned'), ('ongoing', 'Ongoing'), ('completed', 'Completed')], default='ongoing', max_length=20, verbose_name='status')),
    ('start_date', models.DateField(blank=True, null=True, verbose_name='start date')),
    ('end_date', models.DateField(blank=True, null=True, verbose_name='end date')),
    ('budget', models.DecimalField(blank=True, decimal_places=2, max_digits=16, null=True, verbose_name='budget')),
    ('currency', models.CharField(blank=True, help_text='ISO code, for example EUR or USD', max_length=3, verbose_name='currency')),
    ('funding_sources', models.TextField(blank=True, verbose_name='funding sources')),
    ('partner_organisations', models.TextField(blank=True, help_text='One organisation per line.', verbose_name='partner organisations')),
    ('results', wagtail.fields.RichTextField(blank=True, verbose_name='results and impact')),
    ('key_figures', wagtail.fields.StreamField([('figure', 2)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example 33% or 1.2 M', 'label': 'Figure', 'max_length': 40}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'What it measures', 'max_length': 160}), 2: ('wagtail.blocks.StructBlock', [[('value', 0), ('label', 1)]], {})}, verbose_name='key figures')),
    ('contacts', wagtail.fields.StreamField([('contact', 3)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Name', 'max_length': 120}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'Role', 'max_length': 160, 'required': False}), 2: ('wagtail.blocks.EmailBlock', (), {'label': 'Email', 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('name', 0), ('role', 1), ('email', 2)]], {})}, verbose_name='contacts')),
    ('resources', wagtail.fields.StreamField([('resources', 8)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 120, 'required': False}), 1: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 2: ('wagtail.blocks.CharBlock', (), {'help_text': 'Defaults to the title', 'label': 'Link text', 'max_length': 200, 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('document', 1), ('title', 2)]], {}), 4: ('wagtail.blocks.CharBlock', (), {'label': 'Link text', 'max_length': 200}), 5: ('wagtail.blocks.URLBlock', (), {'label': 'Address'}), 6: ('wagtail.blocks.StructBlock', [[('title', 4), ('url', 5)]], {}), 7: ('wagtail.blocks.StreamBlock', [[('document', 3), ('link', 6)]], {'label': 'Documents and links'}), 8: ('wagtail.blocks.StructBlock', [[('heading', 0), ('items', 7)]], {})}, verbose_name='documents and links')),
    ('featured', models.BooleanField(default=False, help_text='Featured case studies are shown on the home page.', verbose_name='featured by the secretariat')),
    ('image_alt_text', models.CharField(blank=True, help_text="What the image shows, for people who cannot see it. Leave empty to use the image's own description.", max_length=255, verbose_name='image alternative text')),
    ('image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='image')),
    ('partner_cities', modelcluster.fields.ParentalManyToManyField(blank=True, help_text="The case study also appears on each partner city's page.", limit_choices_to=initiatives.models.taxonomy.default_locale_only, related_name='+', to='cities.membercitypage', verbose_name='partner member cities')),
    ('sdgs', modelcluster.fields.ParentalManyToManyField(blank=True, limit_choices_to=initiatives.models.taxonomy.default_locale_only, related_name='+', to='initiatives.sustainabledevelopmentgoal', verbose_name='sustainable development goals')),
    ('themes', modelcluster.fields.ParentalManyToManyField(blank=True, limit_choices_to=initiatives.models.taxonomy.default_locale_only, related_name='+', to='initiatives.theme', verbose_name='themes')),

]
CHILDREN = ["initiativepage", "solutionpage"]
# The children's shared columns that are NOT NULL without a default Django could add them back with.
REQUIRED_DURING_MOVE = ["summary", "body", "key_figures", "contacts", "resources"]


def nullable(name):
    field = dict(CASE_STUDY_FIELDS)[name]
    _name, path, args, kwargs = field.deconstruct()
    return type(field)(*args, **{**kwargs, "null": True})


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0001_initial"),
        ("initiatives", "0003_taxonomy_review"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseStudyPage",
            fields=CASE_STUDY_FIELDS,
            options={"verbose_name": "case study", "verbose_name_plural": "case studies"},
            bases=("wagtailcore.page",),
        ),
        *(
            migrations.AlterField(model_name=child, name=name, field=nullable(name))
            for child in CHILDREN
            for name in REQUIRED_DURING_MOVE
        ),
    ]
