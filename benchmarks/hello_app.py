"""A bare Flask hello-world, served the same way as the site, as the benchmark's yardstick."""

from flask import Flask


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/")
    def hello() -> str:
        return "hello"

    return app
