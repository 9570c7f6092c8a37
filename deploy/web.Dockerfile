# The web page's image (python web/serve.py): the standard library and the settings module, nothing else.
# After scripts/setup_web.sh (the socket.io client):
#   docker build -f deploy/web.Dockerfile -t assistent-web .
FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /app
COPY dienst/__init__.py dienst/instellingen.py dienst/
COPY web/index.html web/chat.js web/chat.css web/pagina.css web/favicon.svg web/serve.py web/
COPY web/node_modules/socket.io-client/dist/socket.io.min.js web/node_modules/socket.io-client/dist/

RUN useradd --uid 10001 --create-home assistent
USER 10001
EXPOSE 8080
CMD ["python", "web/serve.py"]
