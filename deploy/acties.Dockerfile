# The action server's image (python -m dienst acties): rasa_sdk with our actions, without Rasa's core, as
# RasaHQ/rasa-demo builds it. The tag is the rasa-sdk of requirements.lock (tests/test_deploy.py checks it).
#   docker build -f deploy/acties.Dockerfile -t assistent-acties .
FROM rasa/rasa-sdk:3.6.2

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
USER root
# What the actions import besides rasa_sdk, pinned as in requirements.lock.
COPY deploy/acties.requirements.txt ./
RUN pip install --no-cache-dir -r acties.requirements.txt

# Every package the action server loads: actions/ (rasa_sdk's --actions), the reading of people's words it
# imports (lezen/), the content with the engine's knowledge (inhoud/) and domain.yml, which the start checks it
# against, and dienst/ (the start: settings, content check, log masking).
COPY actions/ actions/
COPY dienst/ dienst/
COPY inhoud/ inhoud/
COPY lezen/ lezen/
COPY domain.yml ./

USER 1001
EXPOSE 5055
# The base image's entrypoint would start rasa_sdk itself, past our start.
ENTRYPOINT []
CMD ["python", "-m", "dienst", "acties"]
