# One Dockerfile for every CEN image: `docker build --build-arg SERVICE=auth -t cen/auth .`
# (SERVICE = gateway | auth | seizures | cws | cpdb | cencomm). The same image runs the gRPC server
# (`serve`), the Celery worker (`worker`) and migrations (`migrate`), as the Helm chart does.
ARG SERVICE=auth

FROM node:20-bookworm-slim AS assets
WORKDIR /src/services/gateway
COPY services/gateway/package.json services/gateway/package-lock.json services/gateway/build-assets.sh ./
COPY services/gateway/src ./src
RUN ./build-assets.sh

FROM python:3.11-slim-bookworm AS build
ARG SERVICE
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY libs ./libs
COPY services ./services
COPY --from=assets /src/services/gateway/src/cen_gateway/static/vendor ./services/gateway/src/cen_gateway/static/vendor
# editable installs keep services/<m>/migrations beside the code, where `migrate` looks for them
RUN uv sync --frozen --no-dev --package "cen-${SERVICE}"

FROM python:3.11-slim-bookworm
ARG SERVICE
ENV PATH=/app/.venv/bin:$PATH PYTHONUNBUFFERED=1 CEN_SERVICE=${SERVICE}
RUN useradd --uid 10001 --user-group --no-create-home cen
WORKDIR /app
COPY --from=build /app /app
USER 10001
ENTRYPOINT ["sh", "-c", "exec python -m cen_${CEN_SERVICE} \"$@\"", "--"]
CMD ["serve"]
