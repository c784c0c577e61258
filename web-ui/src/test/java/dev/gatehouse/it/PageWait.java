package dev.gatehouse.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Waits on pages that re-render themselves: PrimeFaces polls and AJAX updates replace DOM nodes
 * at any moment, so a {@link WebElement} found once may be stale a millisecond later. Every wait
 * here locates its element again on each poll and counts a stale, missing or not yet clickable
 * element as "not yet". The text methods return the text read in the poll that satisfied the
 * wait, so tests assert on that string and never hold an element across a re-render.
 */
public final class PageWait {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);

    private final WebDriver driver;
    private final Duration timeout;

    PageWait(WebDriver driver, Duration timeout) {
        this.driver = driver;
        this.timeout = timeout;
    }

    /** The same waits with another time limit (a pack build, a slow poll interval). */
    public PageWait upTo(Duration limit) {
        return new PageWait(driver, limit);
    }

    /**
     * Waits until {@code condition} returns neither null nor false, and returns that value. The
     * condition should locate what it reads itself (from its {@code WebDriver} argument).
     */
    public <T> T until(Function<WebDriver, T> condition) {
        return until(condition, () -> "the page condition");
    }

    /** The visible text of the element, once it is displayed. */
    public String text(By locator) {
        return read(locator, "be displayed", true, text -> true);
    }

    /** The element's visible text once it contains {@code part}. */
    public String textContaining(By locator, String part) {
        return text(locator, "contain \"" + part + "\"", text -> text.contains(part));
    }

    /** Waits until the element's visible text is exactly {@code expected}. */
    public String textEquals(By locator, String expected) {
        return text(locator, "be \"" + expected + "\"", text -> text.equals(expected));
    }

    /** The element's visible text once {@code state} accepts it ({@code expectation} names it in a timeout). */
    public String text(By locator, String expectation, Predicate<String> state) {
        return read(locator, expectation, false, state);
    }

    private String read(By locator, String expectation, boolean displayedOnly, Predicate<String> state) {
        AtomicReference<String> lastSeen = new AtomicReference<>("(not found)");
        return until(d -> {
            WebElement element = d.findElement(locator);
            if (displayedOnly && !element.isDisplayed()) {
                lastSeen.set("(not displayed)");
                return null;
            }
            String text = element.getText();
            lastSeen.set(text);
            return state.test(text) ? text : null;
        }, () -> "text of " + locator + " to " + expectation + "; last seen: " + lastSeen.get());
    }

    /** The visible texts of every element {@code locator} finds, read together in one poll. */
    public List<String> texts(By locator) {
        return until(d -> d.findElements(locator).stream().map(WebElement::getText).toList(), () -> "the texts of " + locator);
    }

    /** The element's DOM property (for example an input's current {@code value}), once it is present. */
    public String property(By locator, String name) {
        return until(d -> {
            String value = d.findElement(locator).getDomProperty(name);
            return value == null ? "" : value;
        }, () -> locator + " to be present");
    }

    /** Waits until the element is displayed and clicks it (again located on each try). */
    public void click(By locator) {
        until(d -> {
            WebElement element = d.findElement(locator);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        }, () -> locator + " to be clickable");
    }

    /** Replaces the input's value; clearing first makes a retried attempt type the keys once. */
    public void type(By locator, CharSequence... keys) {
        until(d -> {
            WebElement input = d.findElement(locator);
            if (!input.isDisplayed()) {
                return false;
            }
            input.clear();
            input.sendKeys(keys);
            return true;
        }, () -> locator + " to take input");
    }

    /** Waits until no element matching {@code locator} is displayed. */
    public void gone(By locator) {
        until(d -> d.findElements(locator).stream().noneMatch(WebElement::isDisplayed), () -> locator + " to disappear");
    }

    private <T> T until(Function<WebDriver, T> condition, Supplier<String> what) {
        return new FluentWait<>(driver)
                .withTimeout(timeout)
                .pollingEvery(POLL)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .ignoring(ElementNotInteractableException.class)
                .withMessage(what)
                .until(condition);
    }
}
