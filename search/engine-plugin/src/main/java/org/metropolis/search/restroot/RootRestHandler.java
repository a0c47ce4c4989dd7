package org.metropolis.search.restroot;

import static org.elasticsearch.rest.RestRequest.Method.GET;
import static org.elasticsearch.rest.RestRequest.Method.HEAD;

import java.util.List;
import java.util.function.Supplier;

import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.Metadata;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

/** The node/cluster/version document of the full distribution's {@code GET /}. */
final class RootRestHandler extends BaseRestHandler {

    private final String nodeName;
    private final Supplier<ClusterService> clusterService;

    RootRestHandler(String nodeName, Supplier<ClusterService> clusterService) {
        this.nodeName = nodeName;
        this.clusterService = clusterService;
    }

    @Override
    public String getName() {
        return "metropolis_root_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(GET, "/"), new Route(HEAD, "/"));
    }

    @Override
    public boolean canTripCircuitBreaker() {
        return false;
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        return channel -> {
            ClusterState state = clusterService.get().state();
            Metadata metadata = state.metadata();
            Build build = Build.current();
            XContentBuilder builder = channel.newBuilder();
            // Pretty by default, as Elastic's endpoint is (?pretty=false turns it off).
            if (request.hasParam("pretty") == false) {
                builder.prettyPrint().lfAtEnd();
            }
            builder.startObject();
            builder.field("name", nodeName);
            builder.field("cluster_name", state.getClusterName().value());
            builder.field("cluster_uuid", metadata.clusterUUIDCommitted() ? metadata.clusterUUID() : Metadata.UNKNOWN_CLUSTER_UUID);
            builder.startObject("version")
                .field("number", build.qualifiedVersion())
                .field("build_flavor", build.flavor())
                .field("build_type", build.type().displayName())
                .field("build_hash", build.hash())
                .field("build_date", build.date())
                .field("build_snapshot", build.isSnapshot())
                .field("lucene_version", IndexVersion.current().luceneVersion().toString())
                .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                .endObject();
            builder.field("tagline", "You Know, for Search");
            builder.endObject();
            channel.sendResponse(new RestResponse(RestStatus.OK, builder));
        };
    }
}
