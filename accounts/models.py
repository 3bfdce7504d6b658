from __future__ import annotations

from datetime import date
from typing import Any

from babel import Locale
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _


def country_name(code: str) -> str:
    """A country's name in the reader's language (CLDR through Babel): "Allemagne"."""
    locale = Locale.parse(to_locale(get_language() or "en"))
    return locale.territories.get(code, code)


def language_choices() -> list[tuple[str, str]]:
    # A callable, so adding a language to settings needs no migration.
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # E-mail addresses are compared case-insensitively everywhere; store them lower-case.
        return (email or "").strip().lower()

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=self.normalize_email(username))

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("Users must have an e-mail address.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: a buyer, a seller's team member, or platform staff."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    # Empty until the person picks one: their market's language applies meanwhile
    # (`reading_language`).
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=language_choices,
        blank=True,
        default="",
        help_text=_("Empty: the language of the person's market."),
    )
    # The market the person shops in (buyers) or works from (seller staff): it decides the
    # time zone of every date shown to them.
    market = models.ForeignKey(
        "orders.Market",
        verbose_name=_("market"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("platform administrator"),
        default=False,
        help_text=_("Can log in to the admin console."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")), name="user_email_lowercase"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def clean(self) -> None:
        super().clean()
        self.email = User.objects.normalize_email(self.email)

    def reading_language(self) -> str | None:
        """The language this person reads pages and e-mails in: their own choice, else their
        market's. None when neither is set: a page then follows the browser, an e-mail is
        written in LANGUAGE_CODE."""
        languages = dict(settings.LANGUAGES)
        if self.preferred_language in languages:
            return self.preferred_language
        market = self.market
        if market is not None and market.language in languages:
            return str(market.language)
        return None

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class SellerQuerySet(models.QuerySet["Seller"]):
    def ranked(self) -> SellerQuerySet:
        """For the marketplace's search ranking: sellers allowed to sell, the most punctual
        first (the service score is the on-time rate); among equal scores the faster median
        answer first; unscored newcomers after the scored ones. Restricted and suspended
        sellers are left out."""
        return self.filter(status=Seller.Status.ACTIVE).order_by(
            models.F("service_score").desc(nulls_last=True),
            models.F("typical_response_hours").asc(nulls_last=True),
            "company_name",
            "id",
        )


class Seller(models.Model):
    """A company selling on the marketplace; several users work for it."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RESTRICTED = "restricted", _("Restricted")
        SUSPENDED = "suspended", _("Suspended")

    company_name = models.CharField(_("company name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = models.CharField(
        _("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code, e.g. FR.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Recomputed nightly from response clocks (README, "Seller performance").
    service_score = models.PositiveSmallIntegerField(_("service score"), null=True, blank=True)
    typical_response_hours = models.PositiveSmallIntegerField(
        _("usually answers within (hours)"), null=True, blank=True
    )
    score_updated_at = models.DateTimeField(_("score computed at"), null=True, blank=True)

    objects = SellerQuerySet.as_manager()

    class Meta:
        verbose_name = _("seller")
        verbose_name_plural = _("sellers")
        ordering = ["company_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(country__regex=r"^[A-Z]{2}$"), name="seller_country_iso2"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["active", "restricted", "suspended"]),
                name="seller_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(service_score__lte=100), name="seller_score_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.company_name

    @property
    def country_name(self) -> str:
        return country_name(self.country)


class SellerMember(models.Model):
    """A user's membership in a seller's team."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        AGENT = "agent", _("Agent")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    seller = models.ForeignKey(
        Seller, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="members"
    )

    class Notify(models.TextChoices):
        IMMEDIATE = "immediate", _("At once, one e-mail per message")
        HOURLY = "hourly", _("One summary e-mail per hour")

    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.AGENT)
    notification_mode = models.CharField(
        _("e-mail notifications"), max_length=10, choices=Notify.choices, default=Notify.IMMEDIATE
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("seller team member")
        verbose_name_plural = _("seller team members")
        constraints = [
            models.UniqueConstraint(fields=["user", "seller"], name="sellermember_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=["owner", "agent"]), name="sellermember_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.seller} ({self.get_role_display()})"


class SellerAbsenceQuerySet(models.QuerySet["SellerAbsence"]):
    def overlapping(
        self, *, seller: Seller, absent: User, first_day: date, last_day: date
    ) -> SellerAbsenceQuerySet:
        """`absent`'s absences for `seller` that share at least one day with first–last."""
        return self.filter(
            seller=seller, absent=absent, first_day__lte=last_day, last_day__gte=first_day
        )


class SellerAbsence(models.Model):
    """A team member away from `first_day` to `last_day` (both included; days of the
    seller's market, whose country is `Seller.country`), and who answers meanwhile.

    Whether one is running now is decided in one place (helpdesk.absences: the markets'
    time zones live above this app). It changes who gets new requests and what the pages
    say, never a deadline: the response clock does not pause for the team's holidays."""

    seller = models.ForeignKey(
        Seller, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="absences"
    )
    absent = models.ForeignKey(
        User, verbose_name=_("absent member"), on_delete=models.CASCADE, related_name="absences"
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    stand_in = models.ForeignKey(
        User, verbose_name=_("stand-in"), on_delete=models.CASCADE, related_name="stand_ins"
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = SellerAbsenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["first_day", "created_at", "id"]
        indexes = [models.Index(fields=["seller", "last_day"], name="absence_seller_last_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="absence_last_day_after_first",
                violation_error_message=_("The last day cannot come before the first day."),
            ),
            models.CheckConstraint(
                condition=~models.Q(stand_in=models.F("absent")),
                name="absence_stand_in_is_someone_else",
                violation_error_message=_("Someone else must stand in."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.absent} @ {self.seller}: {self.first_day} – {self.last_day}"
