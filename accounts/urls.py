from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.LockedOutSignInsView.as_view(), name="locked_out"),
    path("<int:attempt_id>/unlock/", views.unlock, name="unlock"),
]
