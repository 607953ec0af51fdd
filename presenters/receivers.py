"""The public presenter search is cached; any change to a presenter or their areas retires it,
so a field its owner hides is gone from the search at once. What a presenter sees of their own
profile, review and talk requests retires their kept pages (portal.lib.kept_pages)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.lib.fragments import invalidate
from portal.lib.kept_pages import follow
from presenters.models import ActivityReport, Area, Presenter, PresenterEvent, TalkRequest


@receiver(post_save, sender=Presenter, dispatch_uid="presenters_search_saved")
@receiver(post_delete, sender=Presenter, dispatch_uid="presenters_search_deleted")
@receiver(post_delete, sender=Area, dispatch_uid="presenters_search_area_deleted")
def search_changed(sender, **kwargs):
    invalidate("presenters")


follow(Presenter, people=lambda presenter: [presenter.user_id])
for _part in (Area, PresenterEvent, TalkRequest, ActivityReport):
    follow(_part, people=lambda row: [row.presenter.user_id])
