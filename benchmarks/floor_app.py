"""The answer path's floor: a bare Flask endpoint that stores one response row (one INSERT and
a durable COMMIT) in the same PostgreSQL, served the same way as the site. No session, no
CSRF, no form token, no validation: what no real answer path can beat."""

import os

from flask import Flask
from sqlalchemy import create_engine, text


def create_app() -> Flask:
    app = Flask(__name__)
    engine = create_engine(os.environ["DIALOG_DATABASE_URL"], pool_size=5)

    @app.route("/", methods=["GET", "POST"])
    def store() -> tuple[str, int]:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO response (questionnaire_id, submitted_on, channel, language) "
                "SELECT min(id), current_date, 'web', 'sv' FROM questionnaire"))
        return "stored", 201

    return app
