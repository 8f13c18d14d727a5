"""Forms for staff login and for administrators managing accounts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from dialog.accounts.models import Role


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(_l("Enter your e-mail address.")), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Enter your password.")), Length(max=500)]
    )


class NewUserForm(FlaskForm):
    """An administrator creates a staff account."""

    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(_l("Enter your e-mail address.")), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")),
                    Length(min=10, max=500, message=_l("Use at least 10 characters."))],
    )
    role = SelectField(_l("Role"), choices=[SelectChoice(r.value, r.value) for r in Role])
