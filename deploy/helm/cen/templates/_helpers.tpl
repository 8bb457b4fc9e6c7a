{{/*
A component as the templates use it: `default:` deep-merged under the component's own values; a worker
also takes the `env` and `secretEnv` of the component named by its `service`. Returns YAML (include can
only return text); read it back with fromYaml. Call with (dict "root" $ "name" $name "raw" $raw).
*/}}
{{- define "cen.component" -}}
{{- $v := .root.Values -}}
{{- $c := mergeOverwrite (deepCopy $v.default) (deepCopy .raw) -}}
{{- if eq .raw.kind "worker" -}}
{{- $owner := index $v.components .raw.service | default dict -}}
{{- if ne ($owner.kind | default "") "grpc" -}}
{{- fail (printf "components.%s.service: %q is not a grpc component of this chart" .name .raw.service) -}}
{{- end -}}
{{- $_ := set $c "env" (mergeOverwrite (deepCopy $v.default.env) (deepCopy ($owner.env | default dict)) (deepCopy (.raw.env | default dict))) -}}
{{- $_ := set $c "secretEnv" (mergeOverwrite (deepCopy $v.default.secretEnv) (deepCopy ($owner.secretEnv | default dict)) (deepCopy (.raw.secretEnv | default dict))) -}}
{{- end -}}
{{- toYaml $c -}}
{{- end -}}

{{- define "cen.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: cen
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "cen.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "cen.image" -}}
{{- printf "%s/%s:%s" .c.image.repository .c.service (.c.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/*
The environment of a component's processes: CEN_* settings derived from the chart (listen addresses,
external parts, the gateway's service addresses), the component's `env` over them, then secrets as
secretKeyRef only. Call with (dict "root" $ "name" $name "c" $component).
*/}}
{{- define "cen.env" -}}
{{- $g := .root.Values.global -}}
{{- $c := .c -}}
{{- $env := dict
  "CEN_SERVICE_NAME" $c.service
  "CEN_OIDC_ISSUER" $g.oidc.issuer
  "CEN_OIDC_AUDIENCE" $g.oidc.audience
  "CEN_REDIS_URL" $g.redisUrl
  "CEN_CELERY_BROKER_URL" $g.celeryBrokerUrl
  "CEN_S3_ENDPOINT" $g.s3.endpoint
  "CEN_S3_SECURE" $g.s3.secure
  "CEN_SMTP_HOST" $g.smtp.host
  "CEN_SMTP_PORT" $g.smtp.port
-}}
{{- with $g.oidc.jwksUrl }}{{ $_ := set $env "CEN_OIDC_JWKS_URL" . }}{{ end -}}
{{- if eq $c.kind "grpc" -}}
{{- $_ := set $env "CEN_GRPC_HOST" "0.0.0.0" -}}
{{- $_ := set $env "CEN_GRPC_PORT" $c.port -}}
{{- $_ := set $env "CEN_METRICS_PORT" ($c.metricsPort | default 0) -}}
{{- else if eq $c.kind "http" -}}
{{- $_ := set $env "CEN_HTTP_HOST" "0.0.0.0" -}}
{{- $_ := set $env "CEN_HTTP_PORT" $c.port -}}
{{- range $name, $other := .root.Values.components -}}
{{- if eq $other.kind "grpc" -}}
{{- $_ := set $env (printf "CEN_%s_ADDR" ($name | upper | replace "-" "_")) (printf "%s:%v" $name $other.port) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $env = mergeOverwrite $env ($c.env | default dict) -}}
{{- range $k := keys $env | sortAlpha }}
- name: {{ $k }}
  value: {{ index $env $k | toString | quote }}
{{- end }}
{{- range $k := keys ($c.secretEnv | default dict) | sortAlpha }}
{{- if hasKey $env $k }}
{{- fail (printf "components.%s: %s is set both in env and secretEnv" $.name $k) }}
{{- end }}
{{- $ref := index $c.secretEnv $k }}
- name: {{ $k }}
  valueFrom:
    secretKeyRef:
      {{- if kindIs "string" $ref }}
      name: {{ $.root.Values.global.existingSecret }}
      key: {{ $ref }}
      {{- else }}
      name: {{ $ref.name }}
      key: {{ $ref.key }}
      {{- end }}
{{- end }}
{{- end -}}

{{/* A probe: the kind's check (`action`) with the timings from `probes`. */}}
{{- define "cen.probe" -}}
{{- toYaml (mergeOverwrite (deepCopy .timings) .action) -}}
{{- end -}}
