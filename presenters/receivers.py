"""The public presenter search is cached; any change to a presenter or their areas retires it,
so a field its owner hides is gone from the search at once."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.lib.fragments import invalidate
from presenters.models import Area, Presenter


@receiver(post_save, sender=Presenter, dispatch_uid="presenters_search_saved")
@receiver(post_delete, sender=Presenter, dispatch_uid="presenters_search_deleted")
@receiver(post_delete, sender=Area, dispatch_uid="presenters_search_area_deleted")
def search_changed(sender, **kwargs):
    invalidate("presenters")
