package com.example.banner;

import dev.slipway.api.HttpExtension;
import dev.slipway.api.Setting;
import java.util.List;

/**
 * The banner plugin's REST extension, under {@code /api/plugins/banner/}: {@code GET title} says the
 * title pages get, {@code POST preview} (the banner's text as the body) shows the page it would build.
 */
public class BannerApi implements HttpExtension {

    private static final int MAX_BANNER = 10_000;

    @Override
    public String name() {
        return "banner";
    }

    @Override
    public List<Setting> settings() {
        return List.of(BannerBuilder.TITLE);
    }

    @Override
    public Response handle(Request request, Context context) {
        String title = context.config().get("title");
        if (request.path().equals("/title") && request.method().equals("GET")) {
            return Response.json(200, "{\"title\":" + json(title) + "}");
        }
        if (request.path().equals("/preview") && request.method().equals("POST")) {
            String banner = request.body().strip();
            if (banner.isEmpty() || banner.length() > MAX_BANNER) {
                return error(400, "the body is the banner's text: 1 to " + MAX_BANNER + " characters, got "
                        + banner.length());
            }
            return Response.json(200, "{\"html\":" + json(BannerBuilder.page(title, banner)) + "}");
        }
        return error(404, request.method() + " " + request.path() + " is not here; try GET title or POST preview");
    }

    private static Response error(int status, String message) {
        return Response.json(status, "{\"error\":" + json(message) + "}");
    }

    /** A JSON string: the plugin API brings no JSON library, and this is all the extension needs. */
    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            out.append(c == '"' || c == '\\' ? "\\" + c : c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
