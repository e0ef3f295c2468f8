/*
 * Kit addition to rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), compiled against the kernel's jar
 * (README, "Kernel fixes"): an image's text alternative reaches the notebook.
 */
package org.rapaio.jupyter.kernel.display.image;

import java.awt.image.RenderedImage;
import java.util.HashMap;
import java.util.Map;

import org.rapaio.jupyter.kernel.display.DisplayData;

/**
 * A displayed image that carries a text alternative as its image property {@code "alt"} (the kit's figures do:
 * lecture7.viz.AltText) gets it in three places of the {@code display_data} message, because front-ends differ in
 * which they read (environment/a11y.py records what each does):
 * <ul>
 *   <li>{@code text/html}: {@code <img alt="…" src="data:image/png;base64,…">}, which Notebook 6, JupyterLab 4
 *       and nbconvert's HTML and slides render in preference to the PNG, with the alt (checked: JupyterLab by
 *       environment/tests/lab_alt_check.py, from disk and live);</li>
 *   <li>{@code metadata["image/png"]["alt"]}, for front-ends that read an image's alt from its metadata (none of
 *       those checked does: Notebook 6 and JupyterLab 4.6 render such an image without alt; environment/a11y.py
 *       reads it for the site);</li>
 *   <li>{@code text/plain}: the text itself, for consoles and plain-text exports.</li>
 * </ul>
 * Upstream sends the {@code image/png} alone.
 */
public final class ImageAlt {
    private ImageAlt() {}

    /** {@code dd} with the image's text alternative added, when {@code o} is an image that has one. */
    public static DisplayData carry(DisplayData dd, Object o) {
        if (dd == null || !(o instanceof RenderedImage img)) {
            return dd;
        }
        Object alt = img.getProperty("alt");
        Object png = dd.data().get("image/png");
        if (!(alt instanceof String text) || text.isBlank() || !(png instanceof String base64)) {
            return dd;
        }
        Map<String, Object> meta = new HashMap<>();
        if (dd.metadata().get("image/png") instanceof Map<?, ?> old) {
            old.forEach((k, v) -> meta.put(String.valueOf(k), v));
        }
        meta.put("alt", text);
        dd.putMetaData("image/png", meta);
        dd.putHTML("<img alt=\"" + escape(text) + "\" src=\"data:image/png;base64," + base64 + "\">");
        dd.putText(text);
        return dd;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
