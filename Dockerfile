# syntax=docker/dockerfile:1

# polgraph image: a static binary on distroless, with the sample corpus and the
# Neo4j Browser style in /examples.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) -t polgraph .
#   docker run --rm polgraph --help
#
# go.mod asks for Go >= 1.26.8. The official golang images set GOTOOLCHAIN=local,
# so an image older than that would refuse to build; GOTOOLCHAIN=auto lets it
# fetch the required toolchain through the module proxy instead.

ARG GO_VERSION=1.26

# The builder runs on the build machine's platform and cross-compiles (no cgo),
# so multi-platform builds (docker buildx build --platform ...) need no emulation.
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS build
ENV CGO_ENABLED=0 GOTOOLCHAIN=auto
WORKDIR /src

# Modules first: this layer is reused until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download && go mod verify

COPY . .
ARG VERSION=dev
ARG TARGETOS
ARG TARGETARCH
RUN --mount=type=cache,target=/root/.cache/go-build \
    GOOS=${TARGETOS} GOARCH=${TARGETARCH} \
    go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
        -o /out/polgraph ./cmd/polgraph

# distroless/static carries CA certificates, /etc/passwd with the nonroot user
# (uid 65532) and tzdata, and nothing else: no shell, no package manager.
FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=dev
LABEL org.opencontainers.image.title="polgraph" \
      org.opencontainers.image.description="Extracts political actors and relations from news articles into Neo4j" \
      org.opencontainers.image.source="https://github.com/polgraph/polgraph" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/polgraph /polgraph
COPY examples /examples
USER nonroot:nonroot
ENTRYPOINT ["/polgraph"]
CMD ["--help"]
