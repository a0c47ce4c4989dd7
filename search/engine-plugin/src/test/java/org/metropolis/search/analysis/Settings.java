package org.metropolis.search.analysis;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.LongSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** Test stand-in for Elasticsearch's SettingsInvocationHandler: values from a map, else the annotation default. */
final class Settings {
    private Settings() {}

    static <T> T of(Class<T> type, Map<String, Object> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (self, method, args) -> {
            Annotation[] annotations = method.getAnnotations();
            if (annotations.length != 1) {
                throw new AssertionError(method + " needs exactly one setting annotation");
            }
            Annotation a = annotations[0];
            if (a instanceof IntSetting s) {
                return values.containsKey(s.path()) ? values.get(s.path()) : s.defaultValue();
            } else if (a instanceof LongSetting s) {
                return values.containsKey(s.path()) ? values.get(s.path()) : s.defaultValue();
            } else if (a instanceof BooleanSetting s) {
                return values.containsKey(s.path()) ? values.get(s.path()) : s.defaultValue();
            } else if (a instanceof StringSetting s) {
                return values.containsKey(s.path()) ? values.get(s.path()) : s.defaultValue();
            } else if (a instanceof ListSetting s) {
                return values.containsKey(s.path()) ? values.get(s.path()) : List.of();
            }
            throw new AssertionError("unsupported annotation " + a);
        });
        return type.cast(proxy);
    }

    static <T> T empty(Class<T> type) {
        return of(type, Map.of());
    }

    static Method[] methods(Class<?> type) {
        return type.getDeclaredMethods();
    }
}
