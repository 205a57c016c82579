package dev.atrium.admin.api;

import java.io.IOException;
import java.util.function.Supplier;

import org.apache.catalina.Context;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's report of an error it answers itself, before any filter or servlet (an encoded slash in the path, a
 * malformed request): under {@code /api/v1} the same problem as every other refusal of the API, instead of Tomcat's
 * HTML page; any other request still gets that page, without report or server information, as Spring Boot sets it up.
 */
final class ApiErrorReportValve extends ErrorReportValve {

    private final Supplier<ApiFallback> fallback;

    private ApiErrorReportValve(Supplier<ApiFallback> fallback) {
        this.fallback = fallback;
        setShowReport(false);
        setShowServerInfo(false);
    }

    /**
     * Puts the valve in the place of the host's error report valve. The host adds its own at start unless it finds
     * one of the class it names, which this one's subclass is not, so it names none.
     */
    static void install(Context context, Supplier<ApiFallback> fallback) {
        if (context.getParent() instanceof StandardHost host) {
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ApiErrorReportValve(fallback));
            host.setErrorReportValveClass("");
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (!ApiFallback.isApi(request.getContextPath() == null ? "" : request.getContextPath(), request.getRequestURI())) {
            super.report(request, response, throwable);
            return;
        }
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            fallback.get().writeError(request, response, response.getStatus());
            response.finishResponse();
        } catch (IOException | RuntimeException e) {
            container.getLogger().warn("Could not write the API's problem for a request Tomcat refused", e);
        }
    }
}
