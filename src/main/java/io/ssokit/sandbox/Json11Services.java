package io.ssokit.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON 1.1 services, routed by {@code X-Amz-Target: <targetPrefix>.<Operation>} on
 * {@code POST /}: sso-admin ({@code SWBExternalService}), identitystore
 * ({@code AWSIdentityStore}) and organizations ({@code AWSOrganizationsV20161128}) plug in here
 * by registering a handler for their target prefix. A target no service claims gets the
 * {@code UnknownOperationException} AWS answers for it.
 */
final class Json11Services {

    /** One JSON 1.1 service: answers the operations of its target prefix. */
    interface Handler {
        ApiResponse handle(String operation, ApiRequest request);

        /** The error this service throttles with, when it is not the protocol's {@code ThrottlingException}. */
        default ApiError throttled() {
            return null;
        }
    }

    record Service(String name, Handler handler) {
    }

    private final Map<String, Service> byPrefix = new ConcurrentHashMap<>();

    /** Claims a target prefix; {@code name} prefixes the operation names in the stats. */
    void register(String targetPrefix, String name, Handler handler) {
        byPrefix.put(targetPrefix, new Service(name, handler));
    }

    /** The service claiming the target's prefix, or null. */
    Service service(String target) {
        int dot = target.lastIndexOf('.');
        return dot < 0 ? null : byPrefix.get(target.substring(0, dot));
    }

    static String operation(String target) {
        return target.substring(target.lastIndexOf('.') + 1);
    }
}
