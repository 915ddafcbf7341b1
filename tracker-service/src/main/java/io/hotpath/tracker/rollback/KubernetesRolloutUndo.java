package io.hotpath.tracker.rollback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hotpath.contracts.tracking.RollbackRequested;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * KUBERNETES_ROLLOUT_UNDO: what {@code kubectl rollout undo deployment/<name>} does. It reads the
 * Deployment, finds the ReplicaSets it controls (owner reference with its uid, among those its
 * selector matches), takes the one with the second-highest {@code
 * deployment.kubernetes.io/revision}, and replaces the Deployment's pod template with that
 * ReplicaSet's (less the {@code pod-template-hash} label) and its annotations with the ReplicaSet's
 * (keeping the Deployment's own revision and last-applied annotations), in one JSON patch. A paused
 * Deployment is refused; a template that already matches the previous revision is SKIPPED.
 */
public final class KubernetesRolloutUndo implements RollbackExecutor {
  public static final String NAME = "rollback/kubernetes";
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String HASH_LABEL = "pod-template-hash";

  /** The Deployment's own annotations that a rollback keeps, as kubectl does. */
  static final Set<String> KEPT_ANNOTATIONS =
      Set.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          REVISION,
          "deployment.kubernetes.io/revision-history",
          "deployment.kubernetes.io/desired-replicas",
          "deployment.kubernetes.io/max-replicas",
          "deprecated.deployment.rollback.to");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<KubernetesClient> client;
  private final RollbackSettings.Kubernetes settings;

  public KubernetesRolloutUndo(
      Supplier<KubernetesClient> client, RollbackSettings.Kubernetes settings) {
    this.client = client;
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String describe(RollbackRequested command) {
    return "would undo the last rollout of deployment "
        + KubernetesTarget.of(command, settings)
        + " (kubectl rollout undo)";
  }

  @Override
  public Execution execute(RollbackRequested command) {
    KubernetesTarget target = KubernetesTarget.of(command, settings).requireValid();
    KubernetesClient k8s = client.get();
    Deployment deployment;
    List<ReplicaSet> replicaSets;
    try {
      deployment =
          k8s.apps().deployments().inNamespace(target.namespace()).withName(target.name()).get();
      if (deployment == null) {
        throw RollbackFailure.permanent("deployment " + target + " not found");
      }
      if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
        throw RollbackFailure.permanent(
            "deployment " + target + " is paused; resume it before rolling it back");
      }
      var query = k8s.apps().replicaSets().inNamespace(target.namespace());
      replicaSets =
          (deployment.getSpec().getSelector() == null
                  ? query
                  : query.withLabelSelector(deployment.getSpec().getSelector()))
              .list()
              .getItems();
    } catch (KubernetesClientException failure) {
      throw KubernetesFailures.of("reading deployment " + target, failure);
    }
    String uid = deployment.getMetadata().getUid();
    ReplicaSet latest = null;
    ReplicaSet previous = null;
    long latestRevision = -1;
    long previousRevision = -1;
    for (ReplicaSet rs : replicaSets) {
      if (!controlledBy(rs, uid)) {
        continue;
      }
      Long revision = revisionOf(rs);
      if (revision == null) {
        continue;
      }
      if (latestRevision < revision) {
        previousRevision = latestRevision;
        previous = latest;
        latestRevision = revision;
        latest = rs;
      } else if (previousRevision < revision) {
        previousRevision = revision;
        previous = rs;
      }
    }
    if (previous == null) {
      throw RollbackFailure.permanent("no rollout history found for deployment " + target);
    }
    ObjectNode template = withoutHash(previous.getSpec().getTemplate());
    if (template.equals(withoutHash(deployment.getSpec().getTemplate()))) {
      return Execution.skipped(
          "deployment "
              + target
              + ": the current template already matches revision "
              + previousRevision);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    Map<String, String> current = deployment.getMetadata().getAnnotations();
    if (current != null) {
      current.forEach(
          (key, value) -> {
            if (KEPT_ANNOTATIONS.contains(key)) {
              annotations.put(key, value);
            }
          });
    }
    Map<String, String> fromRevision = previous.getMetadata().getAnnotations();
    if (fromRevision != null) {
      fromRevision.forEach(
          (key, value) -> {
            if (!KEPT_ANNOTATIONS.contains(key)) {
              annotations.put(key, value);
            }
          });
    }
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "replace").put("path", "/spec/template").set("value", template);
    patch
        .addObject()
        .put("op", "replace")
        .put("path", "/metadata/annotations")
        .set("value", JSON.valueToTree(annotations));
    int code =
        KubernetesPatch.send(
            k8s,
            "/apis/apps/v1/namespaces/" + target.namespace() + "/deployments/" + target.name(),
            KubernetesPatch.JSON_PATCH,
            patch.toString(),
            "restoring revision " + previousRevision + " of deployment " + target);
    if (code == 404) {
      throw RollbackFailure.permanent("deployment " + target + " not found");
    }
    return Execution.succeeded(
        "deployment "
            + target
            + " rolled back from revision "
            + latestRevision
            + " to the template of revision "
            + previousRevision
            + " (replicaset "
            + previous.getMetadata().getName()
            + ")");
  }

  private static boolean controlledBy(ReplicaSet rs, String uid) {
    List<OwnerReference> owners = rs.getMetadata().getOwnerReferences();
    return uid != null
        && owners != null
        && owners.stream()
            .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && uid.equals(o.getUid()));
  }

  /** kubectl's rule: no annotation is revision 0; an unreadable one leaves the set out. */
  private static Long revisionOf(ReplicaSet rs) {
    Map<String, String> annotations = rs.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(REVISION);
    if (value == null) {
      return 0L;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException unreadable) {
      return null;
    }
  }

  private static ObjectNode withoutHash(Object template) {
    ObjectNode tree = template == null ? JSON.createObjectNode() : JSON.valueToTree(template);
    JsonNode labels = tree.path("metadata").path("labels");
    if (labels instanceof ObjectNode labelNode) {
      labelNode.remove(HASH_LABEL);
    }
    return tree;
  }
}
