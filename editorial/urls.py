from django.urls import path

from editorial import views

app_name = "editorial"
urlpatterns = [
    path("invite/", views.InviteEditorView.as_view(), name="invite"),
    path("inventory.csv", views.inventory_csv, name="inventory_csv"),
    path(
        "pages/<int:page_id>/submit/",
        views.SubmitForReviewView.as_view(),
        name="submit_for_review",
    ),
]
