package org.fillwatch.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The carrier's inbox (its pickups of the day, most urgent first, with acknowledge buttons) and
 * the administration's trends page. Frames only: the data comes from /api/carrier and /api/trends.
 */
@Controller
@BrowserPage
class CarrierPages {

    /** Staff may look at one carrier's inbox with {@code ?carrier=}; a carrier always sees its own. */
    @GetMapping("/carrier")
    String carrier(@RequestParam(required = false) String carrier, Authentication authentication, Model model) {
        Viewer viewer = Viewer.of(authentication);
        model.addAttribute("carrierId", viewer.isCarrier() ? viewer.carrierId().orElseThrow() : carrier);
        return "carrier";
    }

    @GetMapping("/admin")
    String admin() {
        return "redirect:/admin/trends";
    }

    @GetMapping("/admin/trends")
    String trends(Model model) {
        model.addAttribute("trends", TrendsController.NAMES);
        return "trends";
    }
}
