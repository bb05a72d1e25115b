from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "salesflow.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from salesflow.accounts.models import Account, AccountTeamMember
        from salesflow.accounts.selectors import note_accounts_changed

        for model in (Account, AccountTeamMember):
            for signal in (post_save, post_delete):
                signal.connect(
                    note_accounts_changed, sender=model, dispatch_uid=f"accounts-changed-{model}"
                )
