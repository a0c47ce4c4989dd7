import factory
from django.contrib.auth import get_user_model

PASSWORD = "a-long-test-password-42"
# The smallest GIF there is: one transparent pixel, for upload tests.
PIXEL_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"editor-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@city.example.org")
    first_name = factory.Sequence(lambda n: f"Editor {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, groups, **kwargs):
        self.save()
        if create and groups:
            self.groups.add(*groups)
