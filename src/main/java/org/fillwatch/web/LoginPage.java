package org.fillwatch.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security handles its POST. */
@Controller
@BrowserPage
class LoginPage {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
