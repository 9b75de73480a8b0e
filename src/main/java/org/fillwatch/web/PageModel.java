package org.fillwatch.web;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every page's layout needs: the viewer (the navigation shows links by role), the map tile
 * settings and the texts the page scripts show, as JSON in a non-executed data block (scripts
 * cannot be inline under the content security policy).
 */
@ControllerAdvice(annotations = BrowserPage.class)
class PageModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebProperties web;

    PageModel(WebProperties web) {
        this.web = web;
    }

    @ModelAttribute
    void common(Model model, Authentication authentication, Locale locale) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            model.addAttribute("viewer", Viewer.of(authentication));
        }
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("tileUrl", web.tileUrl());
        model.addAttribute("tileAttribution", web.tileAttribution());
        model.addAttribute("scriptTexts", scriptTexts(locale));
    }

    /** The {@code js.*} messages of the locale, keys without the prefix. */
    static String scriptTexts(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle("messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> texts = new TreeMap<>();
        for (String key : bundle.keySet()) {
            if (key.startsWith("js.")) {
                texts.put(key.substring(3), bundle.getString(key));
            }
        }
        // "</" inside a script element would end it early
        return JSON.writeValueAsString(texts).replace("</", "<\\/");
    }
}
