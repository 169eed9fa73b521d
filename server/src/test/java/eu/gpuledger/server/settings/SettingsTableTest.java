package eu.gpuledger.server.settings;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's table of settings is true: every setting the ledger binds is a row, with the environment variable that
 * sets it and its default; every row is such a setting, or one of the rows that are not the server's. The defaults
 * are read by binding the settings' records over application.yml as the application does, never copied here.
 */
class SettingsTableTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String SECTION = "## Configuration (environment variables)";
    /** Rows of variables that are not the server's settings: the command-line client's and the tests'. */
    private static final Map<String, String> NOT_THE_SERVERS = Map.of(
            "LEDGER_URL", "(`scripts/ledger`)",
            "LEDGER_TOKEN", "(`scripts/ledger`, its token)",
            "LEDGER_TEST_DB_URL", "(the tests)");
    /** The one row of a setting outside {@code ledger.*}: application.yml maps LEDGER_PORT onto Boot's port. */
    private static final String PORT = "server.port";
    private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();

    private record Row(String variable, String setting, String defaultText) {
    }

    /** One bound setting: a component of a settings record, named as a property. */
    private record Setting(String name, String prefix, Class<?> record, RecordComponent component) {

        Object valueIn(Object bound) throws ReflectiveOperationException {
            return component.getAccessor().invoke(bound);
        }
    }

    @Test
    void every_setting_of_the_ledger_is_a_row_with_its_variable() throws IOException {
        Map<String, Row> rows = rowsBySetting();
        for (Setting setting : settings()) {
            assertThat(rowOf(rows, setting).variable()).as("the variable of " + setting.name())
                    .isEqualTo(variableOf(setting.name()));
        }
    }

    @Test
    void every_row_is_a_setting_of_the_ledger_or_named_as_not_the_servers() throws IOException {
        Set<String> bound = settings().stream().map(Setting::name).collect(Collectors.toCollection(TreeSet::new));
        bound.add(PORT);
        for (Row row : rows()) {
            if (NOT_THE_SERVERS.containsKey(row.variable())) {
                assertThat(row.setting()).as(row.variable()).isEqualTo(NOT_THE_SERVERS.get(row.variable()));
            } else {
                assertThat(bound).as("the row of " + row.variable() + " names a setting the ledger binds")
                        .contains(row.setting());
            }
        }
    }

    @Test
    void every_default_in_the_table_is_the_one_the_ledger_binds() throws Exception {
        Map<String, Row> rows = rowsBySetting();
        for (Setting setting : settings()) {
            Object bound = setting.valueIn(bind(setting, Map.of()));
            Object stated = valueOfText(rowOf(rows, setting).defaultText(), setting.component().getType());
            assertThat(comparable(bound)).as("the default of " + setting.name()).isEqualTo(stated);
        }
        assertThat(bindPort(Map.of())).as("the default of " + PORT)
                .isEqualTo(valueOfText(rows.get(PORT).defaultText(), Integer.class));
    }

    @Test
    void every_variable_in_the_table_sets_its_setting() throws Exception {
        Map<String, Row> rows = rowsBySetting();
        for (Setting setting : settings()) {
            Row row = rowOf(rows, setting);
            Object defaultValue = setting.valueIn(bind(setting, Map.of()));
            String other = otherThan(defaultValue, setting.component().getType());
            Object set = setting.valueIn(bind(setting, Map.of(row.variable(), other)));
            assertThat(comparable(set)).as(row.variable() + "=" + other + " sets " + setting.name())
                    .isEqualTo(valueOfText(other, setting.component().getType()));
        }
        assertThat(bindPort(Map.of(rows.get(PORT).variable(), "18080"))).isEqualTo(18080);
    }

    private static Row rowOf(Map<String, Row> rows, Setting setting) {
        assertThat(rows).as("README's table of settings has a row for " + setting.name()).containsKey(setting.name());
        return rows.get(setting.name());
    }

    /** The settings of every settings record of the ledger, found as the application finds them. */
    private static List<Setting> settings() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Setting> settings = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("eu.gpuledger")) {
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException missing) {
                throw new IllegalStateException(missing);
            }
            assertThat(type.isRecord()).as(type + " is a record: one constructor, validated, defaults on it").isTrue();
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : type.getRecordComponents()) {
                settings.add(new Setting(prefix + "." + kebab(component.getName()), prefix, type, component));
            }
        }
        assertThat(settings).as("the ledger's settings").hasSizeGreaterThan(20);
        return settings;
    }

    private static Object bind(Setting setting, Map<String, Object> environment) throws IOException {
        return binder(environment).bindOrCreate(setting.prefix(), setting.record());
    }

    private static Integer bindPort(Map<String, Object> environment) throws IOException {
        return binder(environment).bind(PORT, Integer.class).get();
    }

    /** application.yml under the environment given (and nothing of this machine's own environment). */
    private static Binder binder(Map<String, Object> environment) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(sources::addLast);
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources),
                CONVERSION);
    }

    /** A list setting as the table writes it, its elements as text: {@code `PT5S,PT5M`}. */
    private static Object comparable(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : value;
    }

    /** A value as the table writes it: {@code `P3D`}, or in words for what has no value. */
    private static Object valueOfText(String text, Class<?> type) {
        if (text.startsWith("unset")) {
            return null;
        }
        if (type == List.class) {
            return text.equals("empty") ? List.of()
                    : java.util.Arrays.stream(text.replace("`", "").split(",")).map(String::trim).toList();
        }
        if (text.equals("empty")) {
            return "";
        }
        return CONVERSION.convert(text.replace("`", ""), type);
    }

    /** Some valid text for a value other than {@code value}, to tell whether a variable took effect. */
    private static String otherThan(Object value, Class<?> type) {
        if (type == int.class || type == long.class) {
            return String.valueOf(((Number) value).longValue() + 1);
        }
        if (type == boolean.class) {
            return String.valueOf(!(Boolean) value);
        }
        if (type == Boolean.class) { // unset (null) means a default decided elsewhere: any value differs from it
            return String.valueOf(value == null || !(Boolean) value);
        }
        if (type == Duration.class) {
            return ((Duration) value).plusSeconds(1).toString();
        }
        if (type == DataSize.class) {
            return DataSize.ofBytes(((DataSize) value).toBytes() + 1).toString();
        }
        if (type == String.class) {
            return Objects.requireNonNullElse((String) value, "") + "-other";
        }
        if (type == List.class) {
            List<String> elements = ((List<?>) value).stream().map(String::valueOf).toList();
            return elements.isEmpty() ? "other.example.org" : String.join(",", elements) + "," + elements.get(0);
        }
        throw new AssertionError("a setting of type " + type + ": teach this test a value of it");
    }

    private static String variableOf(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Row> rowsBySetting() throws IOException {
        return rows().stream().collect(Collectors.toMap(Row::setting, row -> row, (first, second) -> {
            throw new AssertionError("two rows for " + first.setting());
        }));
    }

    private static List<Row> rows() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int at = lines.indexOf(SECTION);
        assertThat(at).as(SECTION + " in README.md").isNotNegative();
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines.subList(at + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|");
            String variable = cells[1].strip();
            if (variable.equals("variable") || variable.startsWith("---")) {
                continue;
            }
            assertThat(cells).as(line).hasSize(5);
            rows.add(new Row(variable.replace("`", ""), settingOf(cells[2].strip()), cells[3].strip()));
        }
        assertThat(rows).as("rows of README's table of settings").isNotEmpty();
        return rows;
    }

    private static String settingOf(String cell) {
        return cell.startsWith("(") ? cell : cell.replace("`", "");
    }
}
