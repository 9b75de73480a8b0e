package org.fillwatch.web;

import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The contact centre's pages. Each is a server-rendered frame (texts in the visitor's language);
 * the data comes from the JSON API through the page's script, so pages and API cannot disagree.
 */
@Controller
@BrowserPage
class Pages {

    private final Pavilions pavilions;

    Pages(Pavilions pavilions) {
        this.pavilions = pavilions;
    }

    /** The live map for the city's staff; a carrier goes to its own inbox (carrier face). */
    @GetMapping("/")
    String home(Authentication authentication) {
        return Viewer.of(authentication).isCarrier() ? "redirect:/carrier" : "map";
    }

    @GetMapping("/pavilions/{id}")
    String pavilion(@PathVariable String id, Model model) {
        model.addAttribute("pavilion", find(id));
        return "pavilion";
    }

    @GetMapping("/pavilions/{id}/roi")
    String roi(@PathVariable String id, Model model) {
        model.addAttribute("pavilion", find(id));
        return "roi";
    }

    @GetMapping("/incidents")
    String incidents() {
        return "incidents";
    }

    @GetMapping("/incidents/{registrationNumber}")
    String incident(@PathVariable String registrationNumber, Model model) {
        model.addAttribute("registrationNumber", registrationNumber);
        return "incident";
    }

    @GetMapping("/cameras")
    String cameras() {
        return "cameras";
    }

    @GetMapping("/labelling")
    String labelling() {
        return "labelling";
    }

    private Pavilion find(String id) {
        return pavilions.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No pavilion " + id));
    }
}
