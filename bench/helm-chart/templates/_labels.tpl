{{- define "bench.selector" -}}
app.kubernetes.io/component: web
app.kubernetes.io/instance: {{ . }}
app.kubernetes.io/name: {{ . }}
{{- end -}}
{{- define "bench.labels" -}}
{{ include "bench.selector" .name }}
app.kubernetes.io/managed-by: Helm
app.kubernetes.io/part-of: {{ .partOf }}
{{- end -}}
