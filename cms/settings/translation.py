"""Choose wagtail-localize's machine translator from the environment.

Machine translation is off unless `MACHINE_TRANSLATOR` names a service:

- `deepl` with `DEEPL_API_KEY` (a key ending in ":fx" uses DeepL's free API);
- `libretranslate` with `LIBRETRANSLATE_URL` and, if the server asks for one, `LIBRETRANSLATE_API_KEY`.

Editors then get a "Translate with …" button in the translation editor; what it produces is a draft
like any other translation, reviewed before it is published.
"""

from django.core.exceptions import ImproperlyConfigured

from core.env import env, env_int

TRANSLATORS = ("deepl", "libretranslate")


def machine_translator() -> dict | None:
    name = env("MACHINE_TRANSLATOR").strip().lower()
    if not name:
        return None
    timeout = env_int("MACHINE_TRANSLATOR_TIMEOUT", 30)
    if name == "deepl":
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": _required("DEEPL_API_KEY", name), "TIMEOUT": timeout},
        }
    if name == "libretranslate":
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": _required("LIBRETRANSLATE_URL", name).rstrip("/"),
                "API_KEY": env("LIBRETRANSLATE_API_KEY"),
                "TIMEOUT": timeout,
            },
        }
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATOR must be one of {', '.join(TRANSLATORS)}, or empty to turn machine "
        f"translation off; got {name!r}."
    )


def _required(variable: str, translator: str) -> str:
    value = env(variable).strip()
    if not value:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATOR={translator} needs {variable} to be set.")
    return value
