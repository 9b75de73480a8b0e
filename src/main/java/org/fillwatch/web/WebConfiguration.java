package org.fillwatch.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.web.server.Compression;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The interface languages: Russian (default, messages.properties), Kazakh and English. {@code ?lang=kk}
 * switches and a cookie keeps the choice.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    static final String LANGUAGE_COOKIE = "fillwatch-lang";

    /** Without this a Russian visitor would get the server's own language, since there is no messages_ru. */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
        resolver.setDefaultLocale(RUSSIAN);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    /**
     * Gzip for the pages' data: the map's GeoJSON of 5,000 pavilions shrinks from about 1.3 MB to a
     * tenth, which is what a contact centre on a slow link notices. Set here rather than with the
     * server.compression keys so the web module owns it.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> compression() {
        return factory -> {
            Compression compression = new Compression();
            compression.setEnabled(true);
            compression.setMimeTypes(new String[] {"application/json", "application/geo+json", "application/problem+json",
                    "text/html", "text/css", "text/javascript", "application/javascript"});
            compression.setMinResponseSize(org.springframework.util.unit.DataSize.ofKilobytes(2));
            factory.setCompression(compression);
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
