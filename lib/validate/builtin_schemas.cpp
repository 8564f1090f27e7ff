// Schemas for the kinds render emits that have no CRD of their own in a
// render tree: Namespace and ConfigMap (core), the Kustomization file, the
// Config Sync RootSync, the O2IMS ProvisioningRequest, and the
// CustomResourceDefinition itself. Written from the Kubernetes, kustomize,
// Config Sync and O-RAN O2IMS API references as structural schemas, so the
// same checker runs them: unknown fields are errors, as the API server's
// pruning (or kustomize's strict decoding) would make them.
#include "validate/builtin_schemas.hpp"

namespace intentctl {

namespace {

// One document per schema: the kinds it describes, their scope (Namespaced,
// Cluster, or Local for files that are never applied) and the openAPIV3Schema.
constexpr const char* kCoreSchemas = R"yaml(
kinds: [{apiVersion: v1, kind: Namespace}]
scope: Cluster
schema:
  type: object
  properties:
    spec:
      type: object
      properties:
        finalizers: {type: array, items: {type: string}}
    status:
      type: object
      properties:
        phase: {type: string, enum: [Active, Terminating]}
        conditions:
          type: array
          items:
            type: object
            x-kubernetes-preserve-unknown-fields: true
---
kinds: [{apiVersion: v1, kind: ConfigMap}]
scope: Namespaced
schema:
  type: object
  properties:
    data:
      type: object
      propertyNames: {type: string, maxLength: 253, pattern: '^[-._a-zA-Z0-9]+$'}
      additionalProperties: {type: string}
    binaryData:
      type: object
      propertyNames: {type: string, maxLength: 253, pattern: '^[-._a-zA-Z0-9]+$'}
      additionalProperties: {type: string, format: byte}
    immutable: {type: boolean}
---
kinds:
  - {apiVersion: kustomize.config.k8s.io/v1beta1, kind: Kustomization}
  - {apiVersion: kustomize.config.k8s.io/v1alpha1, kind: Component}
scope: Local
schema:
  type: object
  properties:
    openapi:
      type: object
      properties:
        path: {type: string}
        version: {type: string}
    namePrefix: {type: string}
    nameSuffix: {type: string}
    namespace: {type: string}
    commonLabels: {type: object, additionalProperties: {type: string}}
    commonAnnotations: {type: object, additionalProperties: {type: string}}
    labels:
      type: array
      items:
        type: object
        properties:
          pairs: {type: object, additionalProperties: {type: string}}
          includeSelectors: {type: boolean}
          includeTemplates: {type: boolean}
          fields: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
    resources: {type: array, items: {type: string}}
    components: {type: array, items: {type: string}}
    crds: {type: array, items: {type: string}}
    bases: {type: array, items: {type: string}}
    configurations: {type: array, items: {type: string}}
    generators: {type: array, items: {type: string}}
    transformers: {type: array, items: {type: string}}
    validators: {type: array, items: {type: string}}
    buildMetadata:
      type: array
      items: {type: string, enum: [originAnnotations, transformerAnnotations, managedByLabel]}
    patchesStrategicMerge: {type: array, items: {type: string}}
    patchesJson6902: &patches
      type: array
      items:
        type: object
        properties:
          path: {type: string}
          patch: {type: string}
          target:
            type: object
            properties:
              group: {type: string}
              version: {type: string}
              kind: {type: string}
              name: {type: string}
              namespace: {type: string}
              labelSelector: {type: string}
              annotationSelector: {type: string}
          options: {type: object, additionalProperties: {type: boolean}}
    patches: *patches
    images: &images
      type: array
      items:
        type: object
        properties:
          name: {type: string}
          newName: {type: string}
          newTag: {type: string}
          digest: {type: string}
          tagSuffix: {type: string}
    imageTags: *images
    replicas:
      type: array
      items:
        type: object
        required: [name, count]
        properties:
          name: {type: string}
          count: {type: integer, minimum: 0}
    replacements:
      type: array
      items: {type: object, x-kubernetes-preserve-unknown-fields: true}
    vars:
      type: array
      items: {type: object, x-kubernetes-preserve-unknown-fields: true}
    sortOptions:
      type: object
      properties:
        order: {type: string, enum: [legacy, fifo]}
        legacySortOptions:
          type: object
          properties:
            orderFirst: {type: array, items: {type: string}}
            orderLast: {type: array, items: {type: string}}
    configMapGenerator: &generator
      type: array
      items:
        type: object
        properties:
          name: {type: string}
          namespace: {type: string}
          behavior: {type: string, enum: [create, replace, merge]}
          files: {type: array, items: {type: string}}
          literals: {type: array, items: {type: string}}
          envs: {type: array, items: {type: string}}
          env: {type: string}
          type: {type: string}
          options: {type: object, x-kubernetes-preserve-unknown-fields: true}
    secretGenerator: *generator
    generatorOptions:
      type: object
      properties:
        labels: {type: object, additionalProperties: {type: string}}
        annotations: {type: object, additionalProperties: {type: string}}
        disableNameSuffixHash: {type: boolean}
        immutable: {type: boolean}
    helmGlobals:
      type: object
      properties:
        chartHome: {type: string}
        configHome: {type: string}
    helmCharts:
      type: array
      items: {type: object, x-kubernetes-preserve-unknown-fields: true}
    helmChartInflationGenerator:
      type: array
      items: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
kinds:
  - {apiVersion: configsync.gke.io/v1beta1, kind: RootSync}
  - {apiVersion: configsync.gke.io/v1beta1, kind: RepoSync}
scope: Namespaced
schema:
  type: object
  properties:
    spec:
      type: object
      properties:
        sourceType: {type: string, enum: [git, oci, helm]}
        sourceFormat: {type: string, enum: [hierarchy, unstructured]}
        namespaceStrategy: {type: string, enum: [implicit, explicit]}
        git:
          type: object
          required: [repo]
          properties:
            repo: {type: string}
            branch: {type: string}
            revision: {type: string}
            dir: {type: string}
            period: {type: string}
            auth: &auth
              type: string
              enum: [ssh, cookiefile, gcenode, gcpserviceaccount, k8sserviceaccount, token, none, githubapp]
            gcpServiceAccountEmail: {type: string}
            proxy: {type: string}
            noSSLVerify: {type: boolean}
            secretRef: &reference
              type: object
              properties:
                name: {type: string}
            caCertSecretRef: *reference
        oci:
          type: object
          required: [image]
          properties:
            image: {type: string}
            dir: {type: string}
            period: {type: string}
            auth: *auth
            gcpServiceAccountEmail: {type: string}
            caCertSecretRef: *reference
        helm:
          type: object
          required: [repo, chart]
          properties:
            repo: {type: string}
            chart: {type: string}
            version: {type: string}
            releaseName: {type: string}
            namespace: {type: string}
            deployNamespace: {type: string}
            values: {type: object, x-kubernetes-preserve-unknown-fields: true}
            valuesFileRefs:
              type: array
              items:
                type: object
                properties:
                  name: {type: string}
                  dataKey: {type: string}
            includeCRDs: {type: boolean}
            period: {type: string}
            auth: *auth
            gcpServiceAccountEmail: {type: string}
            secretRef: *reference
            caCertSecretRef: *reference
        override: {type: object, x-kubernetes-preserve-unknown-fields: true}
    status: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
kinds: [{apiVersion: o2ims.provisioning.oran.org/v1alpha1, kind: ProvisioningRequest}]
scope: Cluster
schema:
  type: object
  required: [spec]
  properties:
    spec:
      type: object
      required: [templateName, templateVersion, templateParameters]
      properties:
        name: {type: string}
        description: {type: string}
        templateName: {type: string, minLength: 1}
        templateVersion: {type: string, minLength: 1}
        templateParameters: {type: object, x-kubernetes-preserve-unknown-fields: true}
    status:
      type: object
      properties:
        provisioningStatus:
          type: object
          properties:
            provisioningState: {type: string, enum: [progressing, fulfilled, failed, deleting]}
            provisioningMessage: {type: string}
            provisioningUpdateTime: {type: string, format: date-time}
        provisionedResourceSet:
          type: object
          x-kubernetes-preserve-unknown-fields: true
        conditions:
          type: array
          items: {type: object, x-kubernetes-preserve-unknown-fields: true}
        observedGeneration: {type: integer}
---
kinds: [{apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition}]
scope: Cluster
schema:
  type: object
  required: [spec]
  properties:
    spec:
      type: object
      required: [group, names, scope, versions]
      properties:
        group: {type: string, minLength: 1}
        names: &names
          type: object
          required: [plural, kind]
          properties:
            plural: {type: string, minLength: 1}
            singular: {type: string}
            kind: {type: string, minLength: 1}
            listKind: {type: string}
            shortNames: {type: array, items: {type: string}}
            categories: {type: array, items: {type: string}}
        scope: {type: string, enum: [Namespaced, Cluster]}
        versions:
          type: array
          minItems: 1
          items:
            type: object
            required: [name, served, storage]
            properties:
              name: {type: string, minLength: 1}
              served: {type: boolean}
              storage: {type: boolean}
              deprecated: {type: boolean}
              deprecationWarning: {type: string}
              schema:
                type: object
                properties:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
              subresources:
                type: object
                properties:
                  status: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  scale:
                    type: object
                    required: [specReplicasPath, statusReplicasPath]
                    properties:
                      specReplicasPath: {type: string}
                      statusReplicasPath: {type: string}
                      labelSelectorPath: {type: string}
              additionalPrinterColumns:
                type: array
                items:
                  type: object
                  required: [name, type, jsonPath]
                  properties:
                    name: {type: string}
                    type: {type: string, enum: [integer, number, string, boolean, date]}
                    format: {type: string}
                    description: {type: string}
                    priority: {type: integer}
                    jsonPath: {type: string}
              selectableFields:
                type: array
                items:
                  type: object
                  required: [jsonPath]
                  properties:
                    jsonPath: {type: string}
        conversion:
          type: object
          properties:
            strategy: {type: string, enum: [None, Webhook]}
            webhook: {type: object, x-kubernetes-preserve-unknown-fields: true}
        preserveUnknownFields: {type: boolean}
    status: {type: object, x-kubernetes-preserve-unknown-fields: true}
)yaml";

// ObjectMeta, the metadata of every object (apimachinery's meta/v1). Names,
// label and annotation keys get their own checks in metadata.cpp; this says
// which fields exist and what type they have.
constexpr const char* kObjectMetaSchema = R"yaml(
type: object
properties:
  name: {type: string}
  generateName: {type: string}
  namespace: {type: string}
  selfLink: {type: string}
  uid: {type: string}
  resourceVersion: {type: string}
  generation: {type: integer, format: int64}
  creationTimestamp: {type: string, format: date-time, nullable: true}
  deletionTimestamp: {type: string, format: date-time, nullable: true}
  deletionGracePeriodSeconds: {type: integer, format: int64}
  labels: {type: object, additionalProperties: {type: string}}
  annotations: {type: object, additionalProperties: {type: string}}
  finalizers: {type: array, items: {type: string}, x-kubernetes-list-type: set}
  ownerReferences:
    type: array
    items:
      type: object
      required: [apiVersion, kind, name, uid]
      properties:
        apiVersion: {type: string}
        kind: {type: string}
        name: {type: string}
        uid: {type: string}
        controller: {type: boolean}
        blockOwnerDeletion: {type: boolean}
  managedFields:
    type: array
    items: {type: object, x-kubernetes-preserve-unknown-fields: true}
)yaml";

} // namespace

std::string_view builtin_kind_schemas_yaml() { return kCoreSchemas; }

std::string_view object_meta_schema_yaml() { return kObjectMetaSchema; }

} // namespace intentctl
