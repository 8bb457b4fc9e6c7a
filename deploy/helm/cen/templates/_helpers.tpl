{{/* A component merged over `default:`. Call with (dict "root" $ "name" $name "c" $component). */}}
{{- define "cen.component" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.default) .c) -}}
{{- end -}}

{{- define "cen.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: cen
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "cen.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "cen.image" -}}
{{- $g := .root.Values.global.image -}}
{{ printf "%s/%s:%s" $g.registry .c.image (default .root.Chart.AppVersion $g.tag) }}
{{- end -}}

{{/* The service name a component's process reports (workers report their service's name). */}}
{{- define "cen.serviceName" -}}
{{- .c.image -}}
{{- end -}}

{{/* Environment shared by every process: CEN_* settings, then secrets by reference only. */}}
{{- define "cen.env" -}}
{{- $g := .root.Values.global -}}
- {name: CEN_SERVICE_NAME, value: {{ include "cen.serviceName" . | quote }}}
- {name: CEN_LOG_LEVEL, value: {{ $g.logLevel | quote }}}
- {name: CEN_GRPC_HOST, value: "0.0.0.0"}
{{- if .c.port }}
- {name: CEN_GRPC_PORT, value: {{ .c.port | quote }}}
- {name: CEN_HTTP_PORT, value: {{ .c.port | quote }}}
{{- end }}
{{- if .c.metricsPort }}
- {name: CEN_METRICS_PORT, value: {{ .c.metricsPort | quote }}}
{{- end }}
- {name: CEN_OIDC_ISSUER, value: {{ $g.oidcIssuer | quote }}}
- {name: CEN_OIDC_AUDIENCE, value: {{ $g.oidcAudience | quote }}}
- {name: CEN_PUBLIC_URL, value: {{ $g.publicUrl | quote }}}
- {name: CEN_REDIS_URL, value: {{ $g.redisUrl | quote }}}
- {name: CEN_CELERY_BROKER_URL, value: {{ $g.celeryBrokerUrl | quote }}}
- {name: CEN_S3_ENDPOINT, value: {{ $g.s3Endpoint | quote }}}
- {name: CEN_S3_SECURE, value: {{ $g.s3Secure | quote }}}
- {name: CEN_SMTP_HOST, value: {{ $g.smtpHost | quote }}}
- {name: CEN_SMTP_PORT, value: {{ $g.smtpPort | quote }}}
{{- if eq .c.kind "http" }}
{{- range $svc, $sc := .root.Values.components }}
{{- if eq $sc.kind "grpc" }}
- {name: {{ printf "CEN_%s_ADDR" (upper $svc) }}, value: {{ printf "%s:%v" $svc $sc.port | quote }}}
{{- end }}
{{- end }}
{{- end }}
{{- range $k, $v := .c.env }}
- {name: {{ $k }}, value: {{ $v | quote }}}
{{- end }}
{{- range $k, $key := .c.secretEnv }}
- name: {{ $k }}
  valueFrom: {secretKeyRef: {name: {{ $.root.Values.global.secretName }}, key: {{ $key }}}}
{{- end }}
{{- end -}}
